import type { Readable } from 'node:stream';

/** The stream ended before the bytes a reader needed. */
export class TruncatedStreamError extends Error {}

/** Reads exact byte counts from a stream (a zfs receive's stdin), without buffering more than a chunk. */
export class ByteReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private readonly iterator: AsyncIterator<unknown>;
  private readonly aborted: Promise<never>;
  /** Bytes consumed so far. */
  consumed = 0;

  constructor(stream: Readable, signal: AbortSignal) {
    // Not destroying stdin at EOF: it may be the SSH channel the exit status still has to go through.
    this.iterator = stream.iterator({ destroyOnReturn: false });
    this.aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    this.aborted.catch(() => undefined);
  }

  private async pull(): Promise<boolean> {
    const next = await Promise.race([this.iterator.next(), this.aborted]);
    if (next.done) return false;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    return true;
  }

  /** Passes exactly n bytes to `sink` chunk by chunk. */
  async forward(n: number, sink: (chunk: Buffer) => void): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.pull())) throw new TruncatedStreamError();
      const head = this.chunks[0];
      if (!head) continue;
      const part = head.length <= left ? head : head.subarray(0, left);
      if (part === head) this.chunks.shift();
      else this.chunks[0] = head.subarray(left);
      this.buffered -= part.length;
      this.consumed += part.length;
      left -= part.length;
      sink(part);
    }
  }

  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    await this.forward(n, (chunk) => parts.push(chunk));
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
  }

  /** True when the stream has no more bytes. */
  async atEnd(): Promise<boolean> {
    while (this.buffered === 0) if (!(await this.pull())) return true;
    return false;
  }
}
