import type { Readable, Writable } from 'node:stream';

/** A started command on any transport: what exec and spawn are built from. */
export interface RunningCommand {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** The exit code (128+n when killed by signal n); rejects when the transport failed. */
  readonly exited: Promise<number>;
  /** Stops the command; harmless once it has exited. */
  kill(): void;
}

export type StartCommand = () => Promise<RunningCommand>;

/** A command's fate is decided once: by its exit, its transport, its abort signal or its output limit. */
export class Settlement {
  #settled = false;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly onAbort: () => void,
  ) {
    signal?.addEventListener('abort', onAbort, { once: true });
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Runs `then` only for the first outcome. */
  settle(then: () => void): void {
    if (this.#settled) return;
    this.#settled = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    then();
  }
}
