export interface KzWarmMigrateResult {
  zone: string;
  source: string;
  target: string;
  /** From the suspend on the source to the zone running on the target. */
  downtimeMs: number;
  finalized: string[];
  warnings: string[];
}

/** kzWarmMigrate's part of the progress model. */
export interface KzWarmMigrateDetail {
  /** When the zone was suspended (ISO time), while the outage lasts. */
  downSince?: string;
  downtimeMs?: number;
}

/** The detail as lines, for the UI's current details and `zmig watch` alike. */
export function kzWarmMigrateDetailLines(d: KzWarmMigrateDetail): string[] {
  if (d.downtimeMs !== undefined) return [`downtime: ${(d.downtimeMs / 1000).toFixed(1)} s`];
  return d.downSince ? [`zone suspended since ${d.downSince}`] : [];
}
