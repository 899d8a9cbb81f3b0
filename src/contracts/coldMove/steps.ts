import type { StepDefinition } from '../steps';

/** coldMove's steps, in order: the run, its progress list and `zmig plan` all read this table. */
export const COLD_MOVE_STEPS = [
  { id: 'preflight', title: 'Preflight checks (read-only)', phase: 'preflight', mutates: false },
  {
    id: 'configure',
    title: 'Configure zone on target from source export',
    phase: 'configure',
    mutates: true,
    undo: 'delete the zone configuration on the target',
  },
  {
    id: 'pre-seed',
    title: 'Pre-seed: full send while the zone runs',
    phase: 'pre-seed',
    mutates: true,
    undo: 'destroy what was received on the target, and the migration snapshots',
  },
  { id: 'converge', title: 'Converge: incremental rounds until the delta is small', phase: 'converge', mutates: true },
  { id: 'cutover-gate', title: 'Cutover approval', phase: 'cutover-gate', mutates: true },
  {
    id: 'shutdown',
    title: 'Graceful shutdown of source zone (downtime starts)',
    phase: 'cutover',
    mutates: true,
    undo: 'boot the source zone',
  },
  { id: 'final-sync', title: 'Final snapshot and incremental send', phase: 'cutover', mutates: true },
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
    title: 'Boot target zone and verify (point of no return)',
    phase: 'cutover',
    mutates: true,
    undo: 'halt the target zone (until verified)',
  },
  { id: 'finalize', title: 'Finalize source, prune snapshots', phase: 'finalize', mutates: true },
] as const satisfies readonly StepDefinition[];

export type ColdMoveStepId = (typeof COLD_MOVE_STEPS)[number]['id'];
