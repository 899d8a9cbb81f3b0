import { CommandArgumentError } from './errors';
import { needsPrivilege, type Privilege } from './privilege';

/** Words the shell passes through untouched: no quoting needed, and the command line stays readable. */
const SAFE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** Words that mean something else in command position (`if`, `FOO=bar`), so they are quoted there. */
const RESERVED_WORD = /^(case|do|done|elif|else|esac|fi|for|function|if|in|select|then|time|until|while)$/;

function assertNoNul(s: string): void {
  if (s.includes('\0'))
    throw new CommandArgumentError(
      `argument contains a NUL byte: ${JSON.stringify(s.slice(0, 80))}${s.length > 80 ? '…' : ''}`,
    );
}

/** POSIX sh single-quote quoting: the one way an argument becomes part of a command line. */
export function quoteArg(s: string): string {
  assertNoNul(s);
  if (SAFE_WORD.test(s)) return s;
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

function quoteCommandWord(s: string): string {
  assertNoNul(s);
  if (s.includes('=') || RESERVED_WORD.test(s)) return `'${s.replaceAll("'", `'\\''`)}'`;
  return quoteArg(s);
}

const PRIVILEGE_PREFIX: Record<Privilege, readonly string[]> = {
  none: [],
  pfexec: ['pfexec'],
  sudo: ['sudo', '-n'],
};

/** The argv with the prefix that escalates it, if it is one that needs it (`sudo -n` never prompts). */
export function privilegedArgv(argv: readonly string[], privilege: Privilege): string[] {
  return needsPrivilege(argv) ? [...PRIVILEGE_PREFIX[privilege], ...argv] : [...argv];
}

/** Turns an argv into the command line a remote login shell will split back into exactly that argv. */
export function toRemoteCommand(argv: readonly string[], privilege: Privilege): string {
  const [command, ...args] = privilegedArgv(argv, privilege);
  if (command === undefined || argv.length === 0) throw new CommandArgumentError('empty argv: nothing to run');
  return [quoteCommandWord(command), ...args.map(quoteArg)].join(' ');
}

/**
 * A pipeline run by the remote host's own /bin/sh (e.g. `zfs send … | ssh target zfs receive …`).
 * Each stage is quoted on its own and carries its own privilege; the shell itself never needs any.
 */
export function pipelineArgv(stages: readonly (readonly string[])[]): string[] {
  if (stages.length === 0) throw new CommandArgumentError('empty pipeline: nothing to run');
  return ['/bin/sh', '-c', stages.map((stage) => toRemoteCommand(stage, 'none')).join(' | ')];
}
