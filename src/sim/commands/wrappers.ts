import type { CommandHandler } from '../shell/invocation';
import { print } from '../shell/io';

/** `pfexec cmd…`: the simulator runs everything as root, so the prefix only has to be stripped. */
export const pfexec: CommandHandler = async (inv) => {
  if (inv.args.length === 0) {
    print(inv.io.stderr, 'usage: pfexec [-P privspec] cmd [arg ..]\n');
    return 1;
  }
  return inv.runArgv(inv.args, inv.io);
};

/** `sudo [-n] [-u root] cmd…` (never prompts: the lab's root needs no password). */
export const sudo: CommandHandler = async (inv) => {
  let i = 0;
  while (i < inv.args.length && (inv.args[i] ?? '').startsWith('-')) i += inv.args[i] === '-u' ? 2 : 1;
  const argv = inv.args.slice(i);
  if (argv.length === 0) {
    print(inv.io.stderr, 'usage: sudo -n command\n');
    return 1;
  }
  return inv.runArgv(argv, inv.io);
};

/** `/bin/sh -c 'line'` (also ksh/bash): parses and runs the line on the same host. */
export const sh: CommandHandler = async (inv) => {
  const [flag, line] = inv.args;
  if (flag !== '-c' || line === undefined) {
    print(inv.io.stderr, `${inv.name}: only '-c command' is supported\n`);
    return 2;
  }
  return inv.runLine(line, inv.io);
};
