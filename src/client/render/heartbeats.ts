import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TransferHeartbeat } from '../../activities/transferProgress';

/** The last heartbeat of a running transfer, read from the workflow's pending activities. */
export async function runningTransfer(handle: WorkflowHandle): Promise<TransferHeartbeat | undefined> {
  const desc = await handle.describe();
  for (const act of desc.raw.pendingActivities ?? []) {
    if (act.activityType?.name !== 'transferSnapshot') continue;
    const payload = act.heartbeatDetails?.payloads?.[0];
    if (!payload) continue;
    return defaultPayloadConverter.fromPayload<TransferHeartbeat>(payload);
  }
  return undefined;
}
