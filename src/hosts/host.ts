import type { Readable, Writable } from 'node:stream';

/** Which command-line dialect a host speaks: flags differ for zfs send/receive and zpool import. */
export type Dialect = 'solaris11' | 'illumos';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Bytes written to the remote command's stdin, then stdin is closed. */
  stdin?: string | Buffer;
  /** Streamed stdout; when given, ExecResult.stdout is ''. */
  onStdout?: (chunk: Buffer) => void;
  /** Aborting stops the remote command (the channel is closed). */
  signal?: AbortSignal;
  /** Run as the login user, without the host's privilege prefix (a pipeline shell whose stages carry their own). */
  unprivileged?: boolean;
}

/** A command running on a host with its streams exposed, for send → receive relays. */
export interface SpawnedCommand {
  stdin: Writable;
  stdout: Readable;
  /** Resolves when the command exits; stdout is '' (it was streamed), stderr collected. */
  done: Promise<ExecResult>;
}

/** One Solaris/illumos host: commands are argv arrays, never shell strings. */
export interface Host {
  readonly name: string;
  readonly dialect: Dialect;
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  spawn(argv: readonly string[], opts?: { signal?: AbortSignal }): SpawnedCommand;
  close(): Promise<void>;
}

/** Resolves inventory host names to live Host connections (pooled: one per host per worker). */
export interface HostPool {
  get(name: string): Host;
  names(): string[];
  closeAll(): Promise<void>;
}
