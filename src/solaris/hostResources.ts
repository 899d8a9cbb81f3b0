import { outputLines } from './outputLines';
import { ParseError } from './parseError';

/** `prtconf -m`: the host's memory in megabytes, one number (prtconf(8)). */
export function prtconfMemory(): readonly string[] {
  return ['prtconf', '-m'];
}

export function parsePrtconfMemoryBytes(stdout: string): number {
  const mb = /(\d+)/.exec(stdout)?.[1];
  if (mb === undefined) throw new ParseError('prtconf -m', stdout.trim(), 'expected a number of megabytes');
  return Number(mb) * 1024 * 1024;
}

/** `psrinfo`: one line per virtual processor (psrinfo(8)). */
export function psrinfo(): readonly string[] {
  return ['psrinfo'];
}

export function parsePsrinfoCount(stdout: string): number {
  return outputLines(stdout).filter((line) => /^\s*\d+\s+\S/.test(line)).length;
}
