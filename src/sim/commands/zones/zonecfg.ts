import type { SimHost } from '../../simHost';
import type { CommandHandler } from '../../shell/invocation';
import { print, readAll } from '../../shell/io';
import { getopt, has, last } from '../getopt';
import { lexZonecfg } from './zonecfgLexer';
import { ZonecfgSession } from './zonecfgSession';

const USAGE = 'usage:\tzonecfg -z <zone> [-r] [<subcommand>] | -f <command-file>\n';

/**
 * Solaris 11.0 zonecfg.c: SHELP_* of the helptab, which yyerror() prints after a syntax error
 * (usage(B_FALSE, HELP_SUBCMDS), on stderr).
 */
const SUBCOMMANDS_HELP = [
  'Commands:\n',
  'add <resource-type>\n\t(global scope)\nadd <property-name> <property-value>\n\t(resource scope)',
  'cancel',
  'clear <property-name>',
  'commit',
  'create [-F] [ -a <path> | -b | -t <template> ]',
  'delete [-F]',
  'end',
  'exit [-F]',
  'export [-f output-file]',
  'help [commands] [syntax] [usage] [<command-name>]',
  'info [<resource-type> [property-name=property-value]*]',
  'remove [-F] <resource-type> [ <property-name>=<property-value> ]*\n\t(global scope)\nremove <property-name> <property-value>\n\t(resource scope)',
  'revert [-F]',
  'select <resource-type> { <property-name>=<property-value> }',
  'set <property-name>=<property-value>',
  'verify [-v]',
]
  .map((l) => `${l}\n`)
  .join('');

/**
 * How the commands arrive (zonecfg.c main, cmd_file, do_interactive, one_command_at_a_time):
 * - `cmdline`: subcommands as arguments, errors unprefixed, all of them run;
 * - `interactive`: no -f and no subcommands, stdin not a terminal: like cmdline, but zonecfg first
 *   says when the zone does not exist yet;
 * - `stdin`: `-f -`, "essentially the same as interactive mode": every command runs, errors are
 *   prefixed `On line N:`;
 * - `file`: `-f <file>`: stops at the first error, prefixed `On line N of <file>:`.
 * In every mode the end of input goes through cleanup(), which commits what is pending.
 */
export type ZonecfgMode =
  | { kind: 'cmdline' }
  | { kind: 'interactive' }
  | { kind: 'stdin' }
  | { kind: 'file'; name: string };

export interface ZonecfgOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs zonecfg input against a zone and returns the exit status (zonecfg.c read_input + cleanup). */
export function runZonecfg(
  host: SimHost,
  zoneName: string,
  text: string,
  mode: ZonecfgMode,
  io: ZonecfgOutput,
  live = false,
): number {
  const session = new ZonecfgSession(host, zoneName, io.stdout, live);
  const cmdFileMode = mode.kind === 'stdin' || mode.kind === 'file';
  const interactive = mode.kind === 'stdin' || mode.kind === 'interactive';
  let sawError = false;
  let timeToExit = false;
  let lastLineno = 0;
  /** zerr(): "On line N:" once per input line in command-file mode (lex_lineno - 1 = N). */
  const zerr = (message: string, lexLineno: number): void => {
    if (cmdFileMode && lexLineno > lastLineno) {
      io.stderr(mode.kind === 'file' ? `On line ${lexLineno - 1} of ${mode.name}:\n` : `On line ${lexLineno - 1}:\n`);
      lastLineno = lexLineno;
    }
    io.stderr(`${message}\n`);
  };
  /** yyerror(): "syntax error on line N at 'tok'" (cmd-file mode) or "syntax error at 'tok'", then the command list. */
  const yyerror = (token: string, lexLineno: number): void => {
    const shown = token === '\n' ? '\\n' : token;
    io.stderr(cmdFileMode ? `syntax error on line ${lexLineno} at '${shown}'\n` : `syntax error at '${shown}'\n`);
    io.stderr(SUBCOMMANDS_HELP);
  };
  const noZoneHint = (): void => {
    // initialize(): "Use 'create' to begin configuring a new zone." in interactive mode only.
    if (interactive) io.stdout("Use 'create' to begin configuring a new zone.\n");
  };

  if (mode.kind === 'interactive' && session.noZone) {
    // do_interactive() → initialize(B_FALSE): the message, without counting it as an error.
    zerr(`${zoneName}: No such zone configured`, 1);
    noZoneHint();
  }
  const input = mode.kind === 'cmdline' ? `${text}\n` : text;
  const commands = lexZonecfg(input);
  let lexAtExit = 0;
  for (const command of commands) {
    // The grammar only reduces `command terminator`; a last line without a newline is dropped at EOF.
    if (command.terminator === 'eof') break;
    // lex_lineno after the terminator: a newline has been counted, a `;` has not.
    const lexLineno = command.terminator === '\n' ? command.line + 1 : command.line;
    lexAtExit = lexLineno;
    if (command.badToken !== undefined) {
      sawError = true;
      yyerror(command.badToken, command.line);
    } else {
      const error = session.run(command.tokens);
      if (error?.kind === 'syntax') {
        sawError = true;
        yyerror(error.token, error.token === '\n' ? lexLineno : command.line);
      } else if (error) {
        sawError = true;
        zerr(error.message, lexLineno);
        if (error.kind === 'fatal') return 1;
        if (error.kind === 'zerr' && error.noZone) noZoneHint();
      }
    }
    // "Bail out on an error in command file mode" (a real file only: `-f -` is interactive).
    if (sawError && cmdFileMode && !interactive) timeToExit = true;
    if (session.done) timeToExit = true;
    if (timeToExit) break;
  }

  // cleanup(), with nobody to answer its questions (stdin is not a terminal).
  const eofLineno = (input.match(/\n/g)?.length ?? 0) + 1;
  const lineno = timeToExit ? lexAtExit : eofLineno;
  if (session.inResource) {
    if (!timeToExit) {
      zerr('Resource incomplete.', lineno);
      return 1;
    }
    sawError = true;
  }
  if (session.pending) {
    const failure = session.commitAtExit();
    if (failure !== undefined) {
      zerr(failure, lineno);
      zerr('Configuration not saved.', lineno);
      return 1;
    }
  }
  return sawError ? 1 : 0;
}

/** zonecfg(8): `-z Z [subcommands…]`, `-z Z -f -`, `-z Z -f <file>`. */
export const zonecfg: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'z:f:r');
  const zoneName = 'badOption' in o ? undefined : last(o, 'z');
  if ('badOption' in o || zoneName === undefined) {
    print(inv.io.stderr, USAGE);
    return 2;
  }
  const io: ZonecfgOutput = { stdout: (t) => print(inv.io.stdout, t), stderr: (t) => print(inv.io.stderr, t) };
  const live = has(o, 'r');
  if (live && !liveConfigAvailable(inv.host, zoneName, io)) return 1;
  const file = last(o, 'f');
  if (o.operands.length > 0) return runZonecfg(inv.host, zoneName, o.operands.join(' '), { kind: 'cmdline' }, io, live);
  if (file === undefined) {
    const text = (await readAll(inv.io.stdin, inv.io.signal)).toString();
    return runZonecfg(inv.host, zoneName, text, { kind: 'interactive' }, io, live);
  }
  if (file !== '-') {
    // cmd_file(): fopen, then fstat/S_ISREG, printed without a line prefix. The simulated hosts have
    // no files; /dev/stdin over SSH is a pipe.
    const message = ['/dev/stdin', '/dev/fd/0'].includes(file)
      ? `${file} is not a regular file.`
      : `could not open file ${file}: No such file or directory`;
    print(inv.io.stderr, `${message}\n`);
    return 1;
  }
  const text = (await readAll(inv.io.stdin, inv.io.signal)).toString();
  return runZonecfg(inv.host, zoneName, text, { kind: 'stdin' }, io, live);
};

/**
 * `-r` needs a running zone with a live configuration (doc: "Live Zone Reconfiguration": the live
 * configuration of a running zone). Only Kernel Zones keep one here. Texts inferred.
 */
function liveConfigAvailable(host: SimHost, zoneName: string, io: ZonecfgOutput): boolean {
  const zone = host.zone(zoneName);
  if (!zone) io.stderr(`${zoneName}: No such zone configured\n`);
  else if (zone.state !== 'running') io.stderr(`${zoneName}: Zone is not running; live configuration not available.\n`);
  else if (!zone.liveConfig)
    io.stderr(`${zoneName}: Live reconfiguration of this brand is not supported by this simulator.\n`);
  return zone?.liveConfig !== undefined && zone.state === 'running';
}
