import { ApplicationFailure } from '@temporalio/common';
import type { ActivityProgress } from '../../contracts/progress';
import { publishProgress } from '../heartbeat';
import { FailureType } from '../../contracts/failureTypes';

/** What is being sent; an incremental's size is not known in advance (expectedBytes 0). */
export interface TransferDescription {
  dataset: string;
  kind: 'full' | 'incremental';
  expectedBytes: number;
}

/**
 * No byte for this long means the stream is stuck, not slow: heartbeats come from a timer, so
 * without this a hung send (hosts reachable, nothing moving) would hold the step, and in the final
 * round the zone's downtime, until the start-to-close timeout.
 */
export const TRANSFER_STALL_MS = 10 * 60 * 1000;

/**
 * Counts a transfer's bytes for its heartbeats. The count is read at each beat (the heartbeat
 * interceptor's timer), not sent per chunk: a stalled stream still heartbeats, a fast one does not
 * call into the SDK thousands of times a second. `stalled` aborts, with a retryable
 * `TransferStalled` as its reason, when no byte has moved for `stallMs`.
 */
export function startTransferHeartbeat(base: TransferDescription, stallMs = TRANSFER_STALL_MS) {
  const started = Date.now();
  let bytes = 0;
  let lastMoved = started;
  const label = `${base.kind === 'full' ? 'send' : 'send -i'} ${base.dataset}`;
  publishProgress(() => transferProgress(label, bytes, base.expectedBytes, (Date.now() - started) / 1000));
  const watchdog = new AbortController();
  const timer = setInterval(
    () => {
      if (Date.now() - lastMoved < stallMs) return;
      const message = `no data moved for ${Math.round(stallMs / 1000)} s after ${bytes} bytes of ${base.dataset}; the stream is stuck`;
      watchdog.abort(ApplicationFailure.create({ type: FailureType.TransferStalled, message, nonRetryable: false }));
      clearInterval(timer);
    },
    Math.min(stallMs, 10_000),
  );
  return {
    add(n: number) {
      bytes += n;
      lastMoved = Date.now();
    },
    get bytes() {
      return bytes;
    },
    stalled: watchdog.signal,
    stop() {
      clearInterval(timer);
    },
  };
}

/** The heartbeat shape `zmig watch` draws as a bar: a percentage and an ETA only when the size is known. */
export function transferProgress(
  label: string,
  bytes: number,
  expectedBytes: number,
  seconds: number,
): ActivityProgress {
  const bytesPerSec = seconds > 0 ? Math.round(bytes / seconds) : 0;
  if (expectedBytes <= 0) return { label, bytes, bytesPerSec };
  const total = Math.max(expectedBytes, bytes);
  return {
    label,
    bytes,
    total,
    bytesPerSec,
    percent: Math.floor((100 * bytes) / total),
    ...(bytesPerSec > 0 && { etaSeconds: Math.round((total - bytes) / bytesPerSec) }),
  };
}
