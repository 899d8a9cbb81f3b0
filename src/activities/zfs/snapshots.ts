import type { HostPool } from '../../hosts/host';
import { zfsDestroy, zfsSnapshot } from '../../solaris';
import { requireDatasetNames, requireSnapName } from '../activityInput';
import { runChecked } from '../commandRunner';
import { datasetExists, listSnapshots } from './datasetFacts';

export interface SnapshotArgs {
  host: string;
  datasets: string[];
  snapName: string;
}

/** `zfs snapshot -r ds@snap` for each dataset; a snapshot that already exists is left as it is. */
export async function createSnapshots(pool: HostPool, a: SnapshotArgs): Promise<void> {
  requireDatasetNames(a.datasets);
  requireSnapName('snapshot name', a.snapName);
  const host = pool.get(a.host);
  for (const ds of a.datasets) {
    if ((await listSnapshots(host, ds)).includes(a.snapName)) continue;
    await runChecked(host, zfsSnapshot(`${ds}@${a.snapName}`, { recursive: true }));
  }
}

/**
 * Destroys (recursively) every snapshot whose name starts with this migration's prefix; snapshots
 * of anyone else are never touched, and vanished datasets are skipped.
 */
export async function destroyOwnSnapshots(
  pool: HostPool,
  a: { host: string; datasets: string[]; prefix: string },
): Promise<void> {
  requireDatasetNames(a.datasets);
  requireSnapName('snapshot prefix', a.prefix);
  const host = pool.get(a.host);
  for (const ds of a.datasets) {
    if (!(await datasetExists(host, ds))) continue;
    for (const snap of await listSnapshots(host, ds)) {
      if (!snap.startsWith(a.prefix)) continue;
      await runChecked(host, zfsDestroy(`${ds}@${snap}`, { recursive: true }));
    }
  }
}
