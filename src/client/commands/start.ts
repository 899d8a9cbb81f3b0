import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { identitySearchAttributes } from '../../contracts/identity';
import { TASK_QUEUE } from '../../contracts/taskQueue';
import { withClient } from '../connect';
import { exitCodeOf, followMigration } from '../follow';
import type { ProcedureDescriptor } from '../procedures/procedure';
import { UsageError } from '../usageError';

/** Starts a procedure run (one per locked resource) and, unless --no-wait, follows it to the end. Returns the exit code. */
export async function startProcedure<I>(
  procedure: ProcedureDescriptor<I>,
  input: I,
  opts: { wait: boolean; json: boolean },
): Promise<number> {
  return withClient(async (client) => {
    const workflowId = procedure.workflowId(input);
    for (const other of procedure.conflicts?.(input) ?? []) {
      const running = await client.workflow
        .getHandle(other)
        .describe()
        .then((d) => d.status.name === 'RUNNING')
        .catch((err: unknown) => {
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        });
      if (running)
        throw new UsageError(
          `${other} is running; ${procedure.resource(input)} waits until it ends (zmig watch ${other})`,
        );
    }
    const handle = await client.workflow
      .start(procedure.workflowType, {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        // Also upserted by the run itself; set here so a run no worker has picked up is in `zmig list`.
        typedSearchAttributes: new TypedSearchAttributes(identitySearchAttributes(procedure.identity(input))),
        staticSummary: procedure.summary(input),
        staticDetails: procedure.details(input),
      })
      .catch((err: unknown) => {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          throw new UsageError(
            `${procedure.resource(input)} already has a migration running (${workflowId}); watch it with: zmig watch ${workflowId}`,
          );
        }
        throw err;
      });
    if (!opts.json) console.log(`started ${workflowId} (run ${handle.firstExecutionRunId})`);
    if (!opts.wait) {
      if (opts.json) console.log(JSON.stringify({ workflowId, runId: handle.firstExecutionRunId }));
      return 0;
    }
    return exitCodeOf(await followMigration(handle, { json: opts.json }));
  });
}
