import { pipeline } from 'node:stream/promises';
import type { ExecResult, Host } from '../../hosts/host';
import { CommandAbortedError } from '../../hosts/errors';
import { signalExitCode } from '../../hosts/exitCode';
import { toActivityFailure } from '../failures';

/** Exit code reported for a side that was stopped only because the other side failed. */
export const STOPPED_BY_OTHER_SIDE = -1;

/** How long a receiver whose input broke may take to exit and say why. */
const RECEIVER_GRACE_MS = 30_000;

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
  // One controller per side: when the receiver dies first, the pipe breaks before its exit status
  // arrives, and stopping it then would turn its own error ("cannot receive: …") into "stopped".
  const stopSend = new AbortController();
  const stopReceive = new AbortController();
  const stopBoth = () => {
    stopSend.abort();
    stopReceive.abort();
  };
  opts.signal?.addEventListener('abort', stopBoth, { once: true });
  let receiverGrace: NodeJS.Timeout | undefined;
  let bytes = 0;
  try {
    const recv = target.spawn(receiveArgv, { signal: stopReceive.signal });
    const send = source.spawn(sendArgv, { signal: stopSend.signal });
    send.stdin.end();
    // When the sender fails or the pipe breaks, the receiver has lost its input and ends by itself,
    // saying why; it is stopped only if it has not within RECEIVER_GRACE_MS. A broken pipe also
    // stops the sender, whose output has nowhere to go.
    const stopReceiverLater = () => {
      receiverGrace ??= setTimeout(() => stopReceive.abort(), RECEIVER_GRACE_MS);
    };
    // Counted on the way past, without a stream of its own in the pipe.
    send.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      opts.onBytes?.(chunk.length);
    });
    const piped = pipeline(send.stdout, recv.stdin).catch(() => {
      stopSend.abort();
      stopReceiverLater();
    });
    const [sendRes, recvRes] = await Promise.allSettled([
      send.done.then((r) => {
        if (r.code !== 0) stopReceiverLater();
        return r;
      }),
      recv.done.then((r) => {
        if (r.code !== 0) stopSend.abort();
        return r;
      }),
    ]);
    await piped;
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('transfer cancelled');
    return { send: settledResult(sendRes), receive: settledResult(recvRes), bytes };
  } catch (err) {
    stopBoth();
    throw toActivityFailure(err);
  } finally {
    clearTimeout(receiverGrace);
    opts.signal?.removeEventListener('abort', stopBoth);
  }
}

/** A side stopped only because the other failed reports as such; a real transport error is rethrown. */
function settledResult(r: PromiseSettledResult<ExecResult>): ExecResult {
  if (r.status === 'fulfilled') return r.value;
  if (r.reason instanceof CommandAbortedError)
    return { code: STOPPED_BY_OTHER_SIDE, stdout: '', stderr: 'stopped because the other side of the relay failed' };
  throw r.reason;
}

/**
 * The side whose failure caused the relay's, or undefined when both succeeded. A sender that
 * failed on its own leaves the receiver with a cut stream ("cannot receive: failed to read from
 * stream"); a receiver that refused the stream leaves the sender stopped or killed by SIGPIPE.
 */
export function failedSide(out: RelayOutcome): 'send' | 'receive' | undefined {
  const sendConsequence = out.send.code === STOPPED_BY_OTHER_SIDE || out.send.code === signalExitCode('SIGPIPE');
  if (out.send.code !== 0 && !sendConsequence) return 'send';
  if (out.receive.code !== 0 && out.receive.code !== STOPPED_BY_OTHER_SIDE) return 'receive';
  return out.send.code !== 0 ? 'send' : undefined;
}
