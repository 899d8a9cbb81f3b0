import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_TYPES } from '../failureTypes';

const retry = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 8,
  nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
};

/** Short host commands (zonecfg, zfs snapshot, attach). */
export const shortStep: ActivityOptions = { startToCloseTimeout: '10 minutes', retry };

/**
 * Long steps (transfers, shutdown, boot) heartbeat; a missed heartbeat means a dead worker. On cancel
 * the workflow waits for the activity to stop its remote command before undoing anything.
 */
export const longStep: ActivityOptions = {
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
};

/**
 * Undos retry even a failed command (a dataset still busy, a zone still shutting down): a bounded
 * number of times, then the saga reports the state they leave.
 */
export const undoStep: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { ...retry, maximumAttempts: 4, nonRetryableErrorTypes: NON_RETRYABLE_TYPES.filter((t) => t !== 'CommandFailed') },
};
