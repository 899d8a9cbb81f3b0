import type { HostPool } from '../../hosts/host';
import { zfsSet } from '../../solaris';
import { runChecked } from '../commandRunner';
import { ownedBy, readPropertyTree } from '../datasetFacts';
import { preconditionFailed } from '../failures';

const PARENT_BE = 'org.opensolaris.libbe:parentbe';

/**
 * Received zone boot environments still name the *source* host's global BE as their parent, so
 * on the target they are orphans (seed 004): attach would clone them, and a later uninstall would
 * not find them. Re-parent them to the target's active BE before attaching.
 */
export async function adoptZoneBootEnvironments(
  pool: HostPool,
  a: { target: string; zonepathDataset: string; beUuid: string; migrationId: string },
): Promise<void> {
  const target = pool.get(a.target);
  if (!(await ownedBy(target, a.zonepathDataset, a.migrationId))) {
    throw preconditionFailed(`${a.zonepathDataset} on ${a.target} is not marked as created by this migration`);
  }
  for (const row of await readPropertyTree(target, a.zonepathDataset, PARENT_BE)) {
    if (row.source !== 'local' || row.value === '-' || row.value === a.beUuid) continue;
    await runChecked(target, zfsSet(row.name, PARENT_BE, a.beUuid));
  }
}
