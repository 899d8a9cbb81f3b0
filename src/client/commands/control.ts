import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TASK_QUEUE } from '../../contracts/taskQueue';
import { withClient } from '../connect';
import { procedureOfWorkflow } from '../procedures/registry';
import { UsageError } from '../usageError';
import { resolveWorkflowId } from '../workflowIds';

/** Cancel (never terminate: terminate would skip the undo). The workflow rolls back and ends Cancelled. */
export function cancel(id: string): Promise<number> {
  const workflowId = resolveWorkflowId(id);
  return withClient(async (client) => {
    const handle = client.workflow.getHandle(workflowId);
    await handle.cancel();
    console.log(`cancellation requested for ${handle.workflowId}; it rolls back now (zmig watch ${handle.workflowId})`);
    return 0;
  });
}

export function approve(id: string): Promise<number> {
  const workflowId = resolveWorkflowId(id);
  return withClient(async (client) => {
    const handle = client.workflow.getHandle(workflowId);
    const { type } = await handle.describe();
    const approval = procedureOfWorkflow(type)?.approval;
    if (!approval) throw new UsageError(`cannot approve ${workflowId}: a ${type} run has no approval gate`);
    try {
      console.log(await handle.executeUpdate(approval, { args: [{ approvedBy: process.env['USER'] }] }));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError)
        throw new UsageError(`cannot approve ${handle.workflowId}: ${err.cause?.message ?? err.message}`);
      throw err;
    }
    return 0;
  });
}

/**
 * Starts a failed or cancelled migration again with the same input. Its undo already put the
 * hosts back, so the new run starts from the beginning under the same workflow id.
 */
export function retry(id: string): Promise<string> {
  const workflowId = resolveWorkflowId(id);
  return withClient(async (client) => {
    const old = client.workflow.getHandle(workflowId);
    const desc = await old.describe();
    if (desc.status.name === 'RUNNING') throw new UsageError(`${workflowId} is still running; nothing to retry`);
    if (desc.status.name === 'COMPLETED') throw new UsageError(`${workflowId} completed; nothing to retry`);
    const history = await old.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const payloads = started?.input?.payloads ?? [];
    const args = await Promise.all(
      payloads.map((p) => client.options.loadedDataConverter.payloadConverter.fromPayload(p)),
    );
    const [staticSummary, staticDetails] = await Promise.all([desc.staticSummary(), desc.staticDetails()]);
    const handle = await client.workflow.start(desc.type, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args,
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: desc.typedSearchAttributes,
      ...(staticSummary !== undefined && { staticSummary }),
      ...(staticDetails !== undefined && { staticDetails }),
    });
    console.log(`restarted ${workflowId} (run ${handle.firstExecutionRunId})`);
    return workflowId;
  });
}
