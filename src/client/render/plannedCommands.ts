import type { PlannedCommand } from '../../contracts/plannedCommand';
import type { StepDefinition } from '../../contracts/steps';

/**
 * `zmig plan`'s command list: each step's title, its commands with their hosts and conditions, and
 * what undoes it when a later step fails (the step table's own words).
 */
export function plannedCommandLines(steps: readonly StepDefinition[], commands: readonly PlannedCommand[]): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    const mine = commands.filter((c) => c.step === step.id);
    if (!mine.length) continue;
    lines.push('', `${step.title}:`);
    for (const c of mine) lines.push(`  [${c.host}] ${c.command}${c.when ? `   (when ${c.when})` : ''}`);
    if (step.undo) lines.push(`  undo if a later step fails: ${step.undo}`);
  }
  return lines;
}
