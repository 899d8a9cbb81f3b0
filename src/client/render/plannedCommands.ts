import type { PlannedCommand } from '../../contracts/plannedCommand';
import type { StepDefinition } from '../../contracts/steps';

/** `zmig plan`'s command list: each step's title, then its commands with their hosts and conditions. */
export function plannedCommandLines(steps: readonly StepDefinition[], commands: readonly PlannedCommand[]): string[] {
  const lines: string[] = [];
  let step = '';
  for (const c of commands) {
    if (c.step !== step) lines.push('', `${steps.find((s) => s.id === c.step)?.title ?? c.step}:`);
    step = c.step;
    lines.push(`  [${c.host}] ${c.command}${c.when ? `   (when ${c.when})` : ''}`);
  }
  return lines;
}
