import type { CommandHandler } from '../shell/invocation';
import { print, readAll } from '../shell/io';
import { getopt, last } from './getopt';
import { lexZonecfg, ZonecfgSyntaxError } from './zonecfgLexer';
import { ZonecfgSession } from './zonecfgSession';

const USAGE = 'usage:\tzonecfg -z <zone> [-r] [<subcommand>] | -f <command-file>\n';

/**
 * zonecfg(8): `-z Z subcommands…` (one line, `;`-separated) or `-f -` / piped stdin (a command
 * file: errors are `On line N of -:`, processing stops at the first one, and the end of input
 * commits pending changes).
 */
export const zonecfg: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'z:f:r');
  const zoneName = 'badOption' in o ? undefined : last(o, 'z');
  if ('badOption' in o || zoneName === undefined) {
    print(inv.io.stderr, USAGE);
    return 2;
  }
  const file = last(o, 'f');
  const fileMode = file !== undefined || o.operands.length === 0;
  if (file !== undefined && file !== '-') {
    print(inv.io.stderr, `zonecfg: ${file}: No such file or directory\n`);
    return 1;
  }
  const text = fileMode ? (await readAll(inv.io.stdin, inv.io.signal)).toString() : o.operands.join(' ');
  const session = new ZonecfgSession(inv.host, zoneName, (t) => print(inv.io.stdout, t));
  const fail = (line: number, message: string): number => {
    print(inv.io.stderr, fileMode ? `On line ${line} of ${file ?? '-'}:\n${message}\n` : `${message}\n`);
    return 1;
  };
  let commands;
  try {
    commands = lexZonecfg(text);
  } catch (err) {
    if (err instanceof ZonecfgSyntaxError) return fail(err.line, err.message);
    throw err;
  }
  for (const command of commands) {
    const error = session.run(command);
    if (error) return fail(command.line, error);
    if (session.done) return 0;
  }
  const error = session.finish();
  return error ? fail(commands.at(-1)?.line ?? 1, error) : 0;
};
