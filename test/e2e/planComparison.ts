// Comparing `zmig plan`'s commands with the mutating commands a run issued (the command log):
// read-only probes and polls are not compared, run-specific names are normalised.
import type { PlannedCommand } from '../../src/contracts/plannedCommand';
import type { Lab } from '../../src/sim/lab';
import { MUTATING } from './hostState';

/** One comparable line: privilege prefix dropped, run-specific names and numbers normalised. */
function normalise(host: string, command: string): string {
  const line = command
    .replace(/^(pfexec|sudo -n) /, '')
    .replace(/zmig-[0-9a-f]{12}-\d+/g, 'zmig-<run>-<n>')
    .replace(/zmig:migration=\S+/g, 'zmig:migration=<id>')
    .replace(/zmig:streamed=\S+/g, 'zmig:streamed=<bytes>');
  return `[${host}] ${line}`;
}

/**
 * The mutating command a planned line stands for: a relayed `send | receive` pipeline changes the
 * target only, with its receive.
 */
function mutatingPart(c: PlannedCommand): { host: string; command: string } {
  const to = c.host.split(' → ')[1];
  if (!to) return { host: c.host, command: c.command.replace(/ < .*$/, '') };
  return { host: to, command: c.command.slice(c.command.indexOf(' | ') + 3) };
}

/** Consecutive repeats of any block collapse to one: the rounds a run takes are data-dependent. */
export function collapseRepeats(lines: string[]): string[] {
  const out = [...lines];
  for (let changed = true; changed; ) {
    changed = false;
    for (let size = 1; size <= out.length / 2 && !changed; size++) {
      for (let i = 0; i + 2 * size <= out.length; i++) {
        if (out.slice(i, i + size).join('\n') === out.slice(i + size, i + 2 * size).join('\n')) {
          out.splice(i + size, size);
          changed = true;
          break;
        }
      }
    }
  }
  return out;
}

/** The mutating commands the lab's hosts ran since `mark` (a command log length), normalised. */
export function mutatingLinesSince(lab: Lab, mark: number): string[] {
  return lab.commandLog
    .slice(mark)
    .filter((c) => MUTATING.test(c.line))
    .map((c) => normalise(c.host, c.line));
}

/** The planned commands as run lines: a conditional one (`when`) only where the run found its condition. */
export function plannedLines(commands: readonly PlannedCommand[], ran: readonly string[]): string[] {
  return commands
    .map((c) => ({ ...mutatingPart(c), when: c.when }))
    .map((c) => ({ line: normalise(c.host, c.command), when: c.when }))
    .filter((c) => !c.when || ran.includes(c.line))
    .map((c) => c.line);
}
