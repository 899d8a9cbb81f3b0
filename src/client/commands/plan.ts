import { randomUUID } from 'node:crypto';
import { TASK_QUEUE } from '../../taskQueue';
import type { PlannedCommand } from '../../activities/coldMove/planCommands';
import type { ColdMovePlan } from '../../activities/coldMove/plan';
import type { ColdMoveInput } from '../../workflows/coldMoveInput';
import { withClient } from '../connect';
import { say } from '../render/printable';

/** `zmig plan cold-move`: read-only preflight on the hosts, then the exact commands per step and host. */
export async function planColdMove(input: ColdMoveInput, opts: { json: boolean }): Promise<number> {
  return withClient(async (client) => {
    const handle = await client.workflow.start('planColdMove', {
      taskQueue: TASK_QUEUE,
      workflowId: `plan/${input.source}/${input.zone}/${randomUUID().slice(0, 8)}`,
      args: [input],
      staticSummary: `plan coldMove ${input.zone}: ${input.source} → ${input.target} (read-only)`,
    });
    const { plan, commands } = (await handle.result()) as { plan: ColdMovePlan; commands: PlannedCommand[] };
    if (opts.json) {
      console.log(JSON.stringify({ plan, commands }, null, 2));
      return 0;
    }
    say(`coldMove ${input.zone}: ${input.source} → ${input.target} — preflight passed`);
    for (const c of plan.checks) say(`  ✔ ${c}`);
    let step = '';
    for (const c of commands) {
      if (c.step !== step) say(`\n${(step = c.step)}:`);
      say(`  [${c.host}] ${c.command}`);
    }
    return 0;
  });
}
