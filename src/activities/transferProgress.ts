import { Context } from '@temporalio/activity';

/** What a running transfer heartbeats; the CLI's progress bar reads it from the pending activity. */
export interface TransferHeartbeat {
  dataset: string;
  kind: 'full' | 'incremental';
  bytes: number;
  expectedBytes: number;
  bytesPerSec: number;
}

/**
 * Heartbeats a transfer's byte count on a timer, not per chunk: cancellation reaches an
 * activity only through heartbeats, and a stalled stream must still heartbeat.
 */
export function startTransferHeartbeat(base: Omit<TransferHeartbeat, 'bytes' | 'bytesPerSec'>, intervalMs = 1000) {
  const started = Date.now();
  let bytes = 0;
  const beat = () => {
    const secs = (Date.now() - started) / 1000;
    const details: TransferHeartbeat = { ...base, bytes, bytesPerSec: secs > 0 ? Math.round(bytes / secs) : 0 };
    Context.current().heartbeat(details);
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  return {
    add(n: number) {
      bytes += n;
    },
    get bytes() {
      return bytes;
    },
    stop() {
      clearInterval(timer);
      beat();
    },
  };
}
