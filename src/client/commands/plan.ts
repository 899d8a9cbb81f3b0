import { randomUUID } from 'node:crypto';
import { TASK_QUEUE } from '../../contracts/taskQueue';
import { withClient } from '../connect';
import type { ProcedureDescriptor } from '../procedures/procedure';
import { say } from '../render/printable';

/** `zmig plan <procedure>`: read-only preflight on the hosts, then the exact commands per step and host. */
export async function planProcedure<I>(
  procedure: ProcedureDescriptor<I>,
  input: I,
  opts: { json: boolean },
): Promise<number> {
  return withClient(async (client) => {
    const handle = await client.workflow.start(procedure.planWorkflowType, {
      taskQueue: TASK_QUEUE,
      workflowId: procedure.planWorkflowId(input, randomUUID().slice(0, 8)),
      args: [input],
      staticSummary: `plan ${procedure.summary(input)} (read-only)`,
    });
    const result: unknown = await handle.result();
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else for (const line of procedure.planLines(input, result)) say(line);
    return 0;
  });
}
