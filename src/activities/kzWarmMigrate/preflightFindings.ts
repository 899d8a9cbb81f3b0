import type { Host } from '../../hosts/host';
import type { KzWarmMigrateInput } from '../../contracts/kzWarmMigrate/input';

/** What preflight's checks read and add to: every problem is collected, so the operator sees them all at once. */
export interface PreflightFindings {
  input: KzWarmMigrateInput;
  source: Host;
  target: Host;
  /** What must be fixed before the migration can run. */
  problems: string[];
  /** What was verified, shown by `zmig plan` and the preflight step. */
  checks: string[];
}
