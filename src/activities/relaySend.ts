import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExecResult, Host } from '../hosts/host';
import { CommandAbortedError } from '../hosts/errors';
import { toActivityFailure } from './failures';

/** Exit code reported for a side that was stopped only because the other side failed. */
export const STOPPED_BY_OTHER_SIDE = -1;

export interface RelayOutcome {
  send: ExecResult;
  receive: ExecResult;
  bytes: number;
}

/**
 * Pipes `sendArgv` on one host into `receiveArgv` on another through this process: two SSH
 * channels, no trust between the hosts, backpressure end to end, every byte counted. Aborting
 * the signal closes both channels, which stops both remote commands.
 */
export async function relaySend(
  source: Host,
  sendArgv: readonly string[],
  target: Host,
  receiveArgv: readonly string[],
  opts: { signal?: AbortSignal; onBytes?: (n: number) => void },
): Promise<RelayOutcome> {
  const local = new AbortController();
  const abort = () => local.abort();
  opts.signal?.addEventListener('abort', abort, { once: true });
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      opts.onBytes?.(chunk.length);
      cb(null, chunk);
    },
  });
  try {
    const recv = target.spawn(receiveArgv, { signal: local.signal });
    const send = source.spawn(sendArgv, { signal: local.signal });
    send.stdin.end();
    // A side that dies early must stop the other, or the survivor waits forever.
    const piped = pipeline(send.stdout, meter, recv.stdin).catch(() => local.abort());
    const stopOnFailure = (r: ExecResult) => {
      if (r.code !== 0) local.abort();
      return r;
    };
    const [sendRes, recvRes] = await Promise.allSettled([send.done.then(stopOnFailure), recv.done.then(stopOnFailure)]);
    await piped;
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('transfer cancelled');
    return { send: settledResult(sendRes), receive: settledResult(recvRes), bytes };
  } catch (err) {
    local.abort();
    throw toActivityFailure(err);
  } finally {
    opts.signal?.removeEventListener('abort', abort);
  }
}

/** A side stopped only because the other failed reports as such; a real transport error is rethrown. */
function settledResult(r: PromiseSettledResult<ExecResult>): ExecResult {
  if (r.status === 'fulfilled') return r.value;
  if (r.reason instanceof CommandAbortedError) return { code: STOPPED_BY_OTHER_SIDE, stdout: '', stderr: 'stopped because the other side of the relay failed' };
  throw r.reason;
}
