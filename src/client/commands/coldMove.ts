import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ZMIG_PROCEDURE, ZMIG_SOURCE_HOST, ZMIG_TARGET_HOST, ZMIG_ZONE } from '../../temporal/searchAttributes';
import { formatBytes } from '../../solaris/units';
import { TASK_QUEUE } from '../../taskQueue';
import type { ColdMoveInput } from '../../workflows/coldMoveInput';
import { withClient } from '../connect';
import { followMigration } from '../follow';
import { UsageError } from '../usageError';
import { zoneWorkflowId } from '../workflowIds';

/** Starts a coldMove (one per zone) and, unless --no-wait, follows it to the end. Returns the exit code. */
export async function startColdMove(input: ColdMoveInput, opts: { wait: boolean; json: boolean }): Promise<number> {
  return withClient(async (client) => {
    const workflowId = zoneWorkflowId(input.source, input.zone);
    const handle = await client.workflow
      .start('coldMove', {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        typedSearchAttributes: [
          { key: ZMIG_ZONE, value: input.zone },
          { key: ZMIG_PROCEDURE, value: 'coldMove' },
          { key: ZMIG_SOURCE_HOST, value: input.source },
          { key: ZMIG_TARGET_HOST, value: input.target },
        ],
        staticSummary: `coldMove ${input.zone}: ${input.source} → ${input.target}`,
        staticDetails: coldMoveDetails(input),
      })
      .catch((err: unknown) => {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          throw new UsageError(`zone ${input.zone} on ${input.source} already has a migration running (${workflowId}); watch it with: zmig watch ${workflowId}`);
        }
        throw err;
      });
    if (!opts.json) console.log(`started ${workflowId} (run ${handle.firstExecutionRunId})`);
    if (!opts.wait) {
      if (opts.json) console.log(JSON.stringify({ workflowId, runId: handle.firstExecutionRunId }));
      return 0;
    }
    const out = await followMigration(handle, { json: opts.json });
    return out.status === 'COMPLETED' || out.status === 'DETACHED' ? 0 : 1;
  });
}

/** The options an operator looks for first, for the Temporal UI's "Details" (Markdown). */
export function coldMoveDetails(input: ColdMoveInput): string {
  const gate = input.cutover.requireApproval
    ? `waits for \`zmig approve\` (then ${input.cutover.onDeadline} after ${input.cutover.deadlineSeconds} s)`
    : 'proceeds without approval';
  return [
    `- transport: ${input.transport}`,
    `- pre-seed: up to ${input.converge.maxRounds} incremental rounds, until one moves less than ${formatBytes(input.converge.thresholdBytes)}`,
    `- cutover: ${gate}`,
    `- shutdown: graceful, ${input.shutdown.timeoutSeconds} s${input.shutdown.haltFallback ? ', then halt' : ''}`,
    `- attach: ${input.attachUpdate ? 'with -u (update packages)' : 'without update'}`,
    `- source afterwards: ${input.sourcePolicy}`,
  ].join('\n');
}
