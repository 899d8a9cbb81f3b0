export interface KzWarmMigrateResult {
  zone: string;
  source: string;
  target: string;
  /** From the suspend on the source to the zone running on the target. */
  downtimeMs: number;
  /** The zone was already suspended when the run began: downtimeMs counts only the run's part of the outage. */
  suspendedBeforeRun: boolean;
  finalized: string[];
  warnings: string[];
}

/** kzWarmMigrate's part of the progress model. */
export interface KzWarmMigrateDetail {
  /** When the zone was suspended (ISO time), while the outage lasts. */
  downSince?: string;
  downtimeMs?: number;
  /** The outage began before this run (the zone was already suspended). */
  suspendedBeforeRun?: boolean;
}

/** The detail as lines, for the UI's current details and `zmig watch` alike. */
export function kzWarmMigrateDetailLines(d: KzWarmMigrateDetail): string[] {
  const before = d.suspendedBeforeRun ? ' since this run began (the zone was suspended before it)' : '';
  if (d.downtimeMs !== undefined) return [`downtime: ${(d.downtimeMs / 1000).toFixed(1)} s${before}`];
  return d.downSince ? [`zone suspended since ${d.downSince}`] : [];
}
