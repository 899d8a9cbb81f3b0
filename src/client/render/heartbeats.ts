import type { WorkflowExecutionDescription } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { isActivityProgress, type ActivityProgress } from '../../contracts/progress';

/** The last heartbeat of whichever long activity is running (a transfer, a resilver), from the workflow's pending activities. */
export function runningActivityProgress(desc: WorkflowExecutionDescription): ActivityProgress | undefined {
  for (const act of desc.raw.pendingActivities ?? []) {
    const payload = act.heartbeatDetails?.payloads?.[0];
    if (!payload) continue;
    const details: unknown = defaultPayloadConverter.fromPayload(payload);
    if (isActivityProgress(details)) return details;
  }
  return undefined;
}
