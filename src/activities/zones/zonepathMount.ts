import { requireDatasetNames } from '../activityInput';
import type { HostPool } from '../../hosts/host';
import { zfsMount, zfsSet } from '../../solaris';
import { runChecked } from '../commandRunner';
import { readProperties, requireOwnedBy } from '../zfs/datasetFacts';
import { ownZoneBootEnvironment } from './bootEnvironments';
import { preconditionFailed } from '../failures';

/**
 * Puts the received zonepath dataset where the zone expects it. Received with `-u`, it is not
 * mounted, and unless the source set its mountpoint locally it inherits the target parent's (a send
 * stream carries only locally set properties), while zoneadm and the brands find the zonepath
 * dataset by what is mounted at the zonepath. `zfs set` on this one dataset, not `receive -o`, which
 * would reach every dataset of the stream, the zone's own `rpool/…` mountpoints included.
 */
export async function mountZonepath(
  pool: HostPool,
  a: { target: string; dataset: string; zonepath: string; migrationId: string },
): Promise<'mounted'> {
  const target = pool.get(a.target);
  if (!a.zonepath.startsWith('/'))
    throw preconditionFailed(`zonepath ${JSON.stringify(a.zonepath)} is not an absolute path`);
  requireDatasetNames([a.dataset]);
  await requireOwnedBy(target, a.dataset, a.migrationId);
  const before = await readProperties(target, a.dataset, ['mountpoint']);
  if (before['mountpoint']?.value !== a.zonepath) await runChecked(target, zfsSet(a.dataset, 'mountpoint', a.zonepath));
  const after = await readProperties(target, a.dataset, ['mountpoint', 'mounted']);
  if (after['mounted']?.value !== 'yes') await runChecked(target, zfsMount(a.dataset));
  return 'mounted';
}

/**
 * ipkg-family brands (OmniOS ipkg, lipkg, sparse) attach whatever dataset is mounted at
 * `<zonepath>/root` ("Failed to locate any dataset mounted at %s.  Attach requires a mounted
 * dataset.", omniosorg/pkg5 src/brand/ipkg/attach) and take no `-z`. Their detach leaves the BE
 * mounted there, but that happened on the source after our last snapshot: do it here for the zone's
 * active BE. The attach itself then stamps parentbe and active and resets these properties.
 */
export async function mountZoneRoot(
  pool: HostPool,
  a: { target: string; zonepathDataset: string; zbe: string; zonepath: string; migrationId: string },
): Promise<'mounted'> {
  const target = pool.get(a.target);
  if (!a.zonepath.startsWith('/'))
    throw preconditionFailed(`zonepath ${JSON.stringify(a.zonepath)} is not an absolute path`);
  const dataset = await ownZoneBootEnvironment(target, a.zonepathDataset, a.zbe, a.migrationId);
  const wanted: Record<string, string> = { zoned: 'off', canmount: 'on', mountpoint: `${a.zonepath}/root` };
  const now = await readProperties(target, dataset, Object.keys(wanted));
  for (const [prop, value] of Object.entries(wanted)) {
    if (now[prop]?.value !== value) await runChecked(target, zfsSet(dataset, prop, value));
  }
  if ((await readProperties(target, dataset, ['mounted']))['mounted']?.value !== 'yes')
    await runChecked(target, zfsMount(dataset));
  return 'mounted';
}
