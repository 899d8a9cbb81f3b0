import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** The streams and controls one running command gets. */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Fires when the caller goes away (channel closed, downstream of a pipe exited). */
  signal: AbortSignal;
  /** Drops the connection the command arrived on (fault injection). */
  disconnect(): void;
}

export function print(stream: Writable, text: string): void {
  if (text !== '' && !stream.destroyed && !stream.writableEnded) stream.write(text);
}

/** Writes a chunk and waits for 'drain' when the stream is full, so large outputs honour backpressure. */
export async function writeChunk(stream: Writable, chunk: Buffer, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (stream.destroyed || stream.writableEnded) throw new Error('EPIPE');
  if (!stream.write(chunk)) await once(stream, 'drain', { signal });
}

/** Reads stdin to EOF. */
export async function readAll(stream: Readable, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // Not destroying stdin at EOF: it may be the SSH channel the exit status still has to go through.
  const iterator = stream.iterator({ destroyOnReturn: false });
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  for (;;) {
    const next = await Promise.race([iterator.next(), aborted]);
    if (next.done) break;
    chunks.push(Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value)));
  }
  return Buffer.concat(chunks);
}
