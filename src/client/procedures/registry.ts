import { coldMoveProcedure } from './coldMove';
import { iscsiLuRollbackProcedure } from './iscsiLuRollback';
import { kzWarmMigrateProcedure } from './kzWarmMigrate';
import type { ProcedureDescriptor } from './procedure';

/** Every procedure the CLI offers, in the order `zmig --help` lists them. */
export const PROCEDURES: readonly ProcedureDescriptor[] = [
  coldMoveProcedure,
  kzWarmMigrateProcedure,
  iscsiLuRollbackProcedure,
];

/** The descriptor of a run, from its workflow type (`watch`, `status` and `retry` know only the id). */
export function procedureOfWorkflow(workflowType: string): ProcedureDescriptor | undefined {
  return PROCEDURES.find((p) => p.workflowType === workflowType);
}
