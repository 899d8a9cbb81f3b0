import { fmriArg } from './commandArgs';
import { outputLines } from './outputLines';
import { ParseError } from './parseError';

export function svcsState(fmri: string): readonly string[] {
  return ['svcs', '-H', '-o', 'state', fmriArg(fmri)];
}

/** The state of one service instance; a transition's trailing `*` (`offline*`) is dropped. */
export function parseSvcsState(stdout: string): string {
  const lines = outputLines(stdout);
  const [line] = lines;
  if (line === undefined) throw new ParseError('svcs -H -o state', stdout, 'no output');
  if (lines.length > 1) throw new ParseError('svcs -H -o state', stdout, 'more than one instance matched');
  const match = /^([a-z_]+)\*?$/.exec(line.trim());
  if (match?.[1] === undefined) throw new ParseError('svcs -H -o state', line, 'expected a service state');
  return match[1];
}
