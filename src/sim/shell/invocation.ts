import type { SimHost } from '../simHost';
import type { CommandIO } from './io';

/** One simple command being run: its host, arguments (without the command name) and streams. */
export interface Invocation {
  host: SimHost;
  /** The command name as typed (`zfs`, `/usr/sbin/zfs`). */
  name: string;
  args: string[];
  io: CommandIO;
  /** Runs another argv on the same host (for pfexec, sh -c, zlogin). */
  runArgv(argv: string[], io: CommandIO): Promise<number>;
  /** Runs a whole command line on the same host (for sh -c). */
  runLine(line: string, io: CommandIO): Promise<number>;
}

export type CommandHandler = (inv: Invocation) => Promise<number>;
