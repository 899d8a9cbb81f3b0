import { Transform, Writable } from 'node:stream';
import type { CommandIO } from './io';

export type TapMode = { kind: 'truncate' } | { kind: 'delay'; delayMs: number };

/**
 * Wraps a command's stdin and stdout so that, once `limit` bytes have passed (both directions
 * together), `onLimit` runs exactly once. After the limit the taps either drop everything
 * ('truncate': the far side sees a stream cut at exactly `limit` bytes) or pause once for `delayMs`.
 */
export function tapStreams(
  io: CommandIO,
  limit: number,
  mode: TapMode,
  onLimit: () => void,
): { stdin: Transform; stdout: Writable; flushed(): Promise<void> } {
  let passed = 0;
  let tripped = false;

  /** Splits a chunk at the limit: what may pass now, and what comes after the trip (if it tripped). */
  const split = (chunk: Buffer): { now: Buffer; rest?: Buffer } => {
    if (tripped) return mode.kind === 'truncate' ? { now: chunk.subarray(0, 0) } : { now: chunk };
    const allowed = Math.min(chunk.length, limit - passed);
    passed += allowed;
    if (passed < limit) return { now: chunk };
    tripped = true;
    onLimit();
    const rest = chunk.subarray(allowed);
    return { now: chunk.subarray(0, allowed), rest: mode.kind === 'truncate' ? rest.subarray(0, 0) : rest };
  };
  const later = (fn: () => void): void => {
    if (mode.kind === 'delay') setTimeout(fn, mode.delayMs);
    else fn();
  };

  const stdin = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      const { now, rest } = split(chunk);
      if (now.length) this.push(now);
      if (rest === undefined) return callback();
      later(() => {
        if (rest.length) this.push(rest);
        callback();
      });
    },
  });
  io.stdin.pipe(stdin);

  const forward = (part: Buffer, then: () => void): void => {
    if (part.length === 0 || io.stdout.destroyed) return then();
    if (io.stdout.write(part)) then();
    else io.stdout.once('drain', then);
  };
  const stdout = new Writable({
    write(chunk: Buffer, _enc, callback) {
      const { now, rest } = split(chunk);
      forward(now, () => (rest === undefined ? callback() : later(() => forward(rest, () => callback()))));
    },
  });
  stdout.on('error', () => undefined);
  return {
    stdin,
    stdout,
    flushed: () =>
      new Promise((resolve) => {
        if (stdout.writableFinished || stdout.destroyed) return resolve();
        stdout.end(() => resolve());
      }),
  };
}
