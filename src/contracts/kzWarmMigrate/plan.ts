import type { PlannedCommand } from '../plannedCommand';

/** A Kernel Zone disk as the zone's `device` resource names it. */
export interface PlannedDevice {
  id: string;
  /** The storage URI (suri(7)); shared storage only, or preflight refuses. */
  storage: string;
  bootpri?: string;
}

/**
 * What preflight found: the workflow's map for the rest of the migration (recorded in history).
 * No configuration text: the zone's export carries its key, and it never leaves the activity that copies it.
 */
export interface KzWarmMigratePlan {
  zone: string;
  /** `running` (suspend it) or `suspended` (installed with auxiliary state suspended: continue from there). */
  sourceState: 'running' | 'suspended';
  devices: PlannedDevice[];
  /** The suspend resource: `path=` a file on a share both hosts mount, or `storage=` a shared URI. */
  suspend: { path: string } | { storage: string };
  memoryBytes?: number;
  virtualCpus?: number;
  checks: string[];
}

export interface KzWarmMigratePlanResult {
  plan: KzWarmMigratePlan;
  commands: PlannedCommand[];
}
