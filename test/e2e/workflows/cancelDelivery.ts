import {
  ActivityCancellationType,
  CancellationScope,
  condition,
  defineSignal,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

/** The activity side of the check: returns a value once it has been cancelled. */
export interface CancelDeliveryActivities {
  returnsAfterCancel(): Promise<string>;
}

export const stopSignal = defineSignal('stop');

const { returnsAfterCancel } = proxyActivities<CancelDeliveryActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 1 },
});

/**
 * Runs the activity in a scope, cancels the scope when signalled (as the cutover gate does on
 * approval), and says how the activity's promise settled: `result:<value>` or `error:<name>`.
 */
export async function cancelDelivery(): Promise<string> {
  let stop = false;
  setHandler(stopSignal, () => {
    stop = true;
  });
  const scope = new CancellationScope();
  const outcome = scope
    .run(() => returnsAfterCancel())
    .then(
      (value) => `result:${value}`,
      (err: Error) => `error:${err.name}${err.cause instanceof Error ? `/${err.cause.name}` : ''}`,
    );
  await condition(() => stop);
  scope.cancel();
  return outcome;
}
