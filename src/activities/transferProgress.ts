import { publishProgress } from './heartbeat';

/** What a running transfer heartbeats; the CLI's progress bar reads it from the pending activity. */
export interface TransferHeartbeat {
  dataset: string;
  kind: 'full' | 'incremental';
  bytes: number;
  expectedBytes: number;
  bytesPerSec: number;
}

/**
 * Counts a transfer's bytes for its heartbeats. The count is read at each beat (the heartbeat
 * interceptor's timer), not sent per chunk: a stalled stream still heartbeats, a fast one does not
 * call into the SDK thousands of times a second.
 */
export function startTransferHeartbeat(base: Omit<TransferHeartbeat, 'bytes' | 'bytesPerSec'>) {
  const started = Date.now();
  let bytes = 0;
  publishProgress((): TransferHeartbeat => {
    const secs = (Date.now() - started) / 1000;
    return { ...base, bytes, bytesPerSec: secs > 0 ? Math.round(bytes / secs) : 0 };
  });
  return {
    add(n: number) {
      bytes += n;
    },
    get bytes() {
      return bytes;
    },
  };
}
