import type { StepDefinition } from '../steps';

/** kzWarmMigrate's steps, in order: the run, its progress list and `zmig plan` all read this table. */
export const KZ_WARM_MIGRATE_STEPS = [
  { id: 'preflight', title: 'Preflight checks (read-only)', phase: 'preflight', mutates: false },
  {
    id: 'configure',
    title: 'Copy zone configuration and key to target',
    phase: 'configure',
    mutates: true,
    undo: 'delete the zone configuration on the target',
  },
  {
    id: 'suspend',
    title: 'Suspend zone on source (downtime starts)',
    phase: 'cutover',
    mutates: true,
    undo: 'boot the source zone (resumes it)',
  },
  {
    id: 'detach-source',
    title: 'Detach source zone',
    phase: 'cutover',
    mutates: true,
    undo: 'attach the source zone again',
  },
  {
    id: 'attach-target',
    title: 'Attach zone on target',
    phase: 'cutover',
    mutates: true,
    undo: 'detach the target zone',
  },
  {
    id: 'boot-target',
    title: 'Boot target zone = resume, verify (point of no return)',
    phase: 'cutover',
    mutates: true,
    undo: 'suspend the target zone again (until verified)',
  },
  { id: 'finalize', title: 'Finalize source configuration', phase: 'finalize', mutates: true },
] as const satisfies readonly StepDefinition[];

export type KzWarmMigrateStepId = (typeof KZ_WARM_MIGRATE_STEPS)[number]['id'];
