import type { Host, HostPool } from '../../hosts/host';
import { zbeRoot, ZBE_PARENT_PROP, zfsSet } from '../../solaris';
import { requireDatasetNames } from '../activityInput';
import { runChecked } from '../commandRunner';
import { readProperties, requireOwnedBy } from '../zfs/datasetFacts';
import { preconditionFailed } from '../failures';

/** The dataset of zone BE `zbe` under a zonepath dataset this migration received; refused otherwise. */
export async function ownZoneBootEnvironment(
  target: Host,
  zonepathDataset: string,
  zbe: string,
  migrationId: string,
): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(zbe))
    throw preconditionFailed(`invalid zone boot environment name ${JSON.stringify(zbe)}`);
  requireDatasetNames([zonepathDataset]);
  await requireOwnedBy(target, zonepathDataset, migrationId);
  return `${zbeRoot(zonepathDataset, target.dialect)}/${zbe}`;
}

/**
 * The received zone BE still names the *source* host's global BE as its parent (a received
 * property), so on the target it is an orphan: attach would clone it (Oracle 11.3+ docs, "About
 * Orphaned Zone Boot Environments"; 11.0 claim_zbe), and a later uninstall would not find it
 * (docs/procedures.md#boot-environments). Re-parent exactly the BE the zone runs to the target's global BE, so that
 * `attach -z <zbe>` uses it in place; the zone's other BEs stay what they were on the source.
 */
export async function adoptZoneBootEnvironment(
  pool: HostPool,
  a: { target: string; zonepathDataset: string; zbe: string; beUuid: string; migrationId: string },
): Promise<void> {
  const target = pool.get(a.target);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(a.beUuid)) {
    throw preconditionFailed(`invalid boot environment UUID ${JSON.stringify(a.beUuid)}`);
  }
  const dataset = await ownZoneBootEnvironment(target, a.zonepathDataset, a.zbe, a.migrationId);
  const parent = (await readProperties(target, dataset, [ZBE_PARENT_PROP]))[ZBE_PARENT_PROP];
  if (parent?.value !== a.beUuid) await runChecked(target, zfsSet(dataset, ZBE_PARENT_PROP, a.beUuid));
}
