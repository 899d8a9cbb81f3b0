import type { StepDefinition } from '../steps';

/** iscsiLuRollback's steps, in order: the run, its progress list and `zmig plan` all read this table. */
export const ISCSI_LU_ROLLBACK_STEPS = [
  { id: 'preflight', title: 'Preflight checks, LU and views recorded (read-only)', phase: 'preflight', mutates: false },
  {
    id: 'halt-consumer',
    title: 'Halt the consumer zone',
    phase: 'consumer-down',
    mutates: true,
    undo: 'boot the consumer zone',
  },
  {
    id: 'detach-consumer',
    title: 'Detach the consumer zone',
    phase: 'consumer-down',
    mutates: true,
    undo: 'attach the consumer zone again',
  },
  {
    id: 'delete-lu',
    title: 'Delete the logical unit (stmfadm delete-lu)',
    phase: 'lu-down',
    mutates: true,
    undo: 'import the logical unit again and restore its views',
  },
  {
    id: 'rollback',
    title: 'Roll the zvol back to the snapshot (point of no return)',
    phase: 'rollback',
    mutates: true,
  },
  { id: 'import-lu', title: 'Import the logical unit (same GUID)', phase: 'lu-up', mutates: true },
  { id: 'restore-views', title: 'Restore the views as recorded', phase: 'lu-up', mutates: true },
  {
    id: 'attach-consumer',
    title: 'Attach the consumer zone (new host data if its key no longer opens it)',
    phase: 'consumer-up',
    mutates: true,
  },
  { id: 'boot-consumer', title: 'Boot the consumer zone and verify', phase: 'consumer-up', mutates: true },
] as const satisfies readonly StepDefinition[];

export type IscsiLuRollbackStepId = (typeof ISCSI_LU_ROLLBACK_STEPS)[number]['id'];
