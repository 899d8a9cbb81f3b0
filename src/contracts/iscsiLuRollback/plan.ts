import type { PlannedCommand } from '../plannedCommand';

/** One view of the LU as `stmfadm list-view -l` shows it: restored exactly after the import. */
export interface LuView {
  entry: number;
  hostGroup: string;
  targetGroup: string;
  lun: number;
}

/** The LU as recorded before it is deleted (recorded in history: names and numbers, nothing secret). */
export interface LuRecord {
  guid: string;
  /** The zvol behind it: `stmfadm import-lu` reads the LU's metadata from it. */
  zvol: string;
  alias: string;
  views: LuView[];
}

/** The consumer zone's state at the start: what the run takes down and brings back. */
export type ConsumerState = 'running' | 'installed' | 'configured';

/** What preflight found and decided: the workflow's map for the rest of the run. */
export interface IscsiLuRollbackPlan {
  lu: LuRecord;
  /** `zvol@snapshot`. */
  snapshot: string;
  /** Snapshots newer than it, oldest first: `zfs rollback -r` destroys them. */
  newer: string[];
  consumer?: { zone: string; host: string; state: ConsumerState };
  checks: string[];
}

export interface IscsiLuRollbackPlanResult {
  plan: IscsiLuRollbackPlan;
  commands: PlannedCommand[];
}
