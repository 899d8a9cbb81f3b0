import type { WorkflowExecutionDescription } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TransferHeartbeat } from '../../activities/transferProgress';

/** The last heartbeat of a running transfer, read from the workflow's pending activities. */
export function runningTransfer(desc: WorkflowExecutionDescription): TransferHeartbeat | undefined {
  for (const act of desc.raw.pendingActivities ?? []) {
    if (act.activityType?.name !== 'transferSnapshot') continue;
    const payload = act.heartbeatDetails?.payloads?.[0];
    if (!payload) continue;
    return defaultPayloadConverter.fromPayload<TransferHeartbeat>(payload);
  }
  return undefined;
}
