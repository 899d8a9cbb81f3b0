/**
 * The prefix of every snapshot a migration takes: `zmig-<12 hex>-<round>`. The hex digits are the
 * run id's last twelve, its random part (a UUIDv7 starts with the time, so its first digits repeat
 * for runs started within about a minute). A snapshot of this name on a dataset proves the dataset
 * holds this migration's stream; the undo and the pruning destroy only snapshots of this prefix.
 */
export function snapshotPrefix(migrationId: string): string {
  return `zmig-${migrationId.replace(/-/g, '').slice(-12)}-`;
}
