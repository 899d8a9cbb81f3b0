import type { HostPool } from '../../hosts/host';
import { zfsMount, zfsSet } from '../../solaris';
import { runChecked } from '../commandRunner';
import { ownedBy, readProperties } from '../datasetFacts';
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
  if (!a.zonepath.startsWith('/')) throw preconditionFailed(`zonepath ${JSON.stringify(a.zonepath)} is not an absolute path`);
  if (!(await ownedBy(target, a.dataset, a.migrationId))) {
    throw preconditionFailed(`${a.dataset} on ${a.target} is not marked as created by this migration`);
  }
  const before = await readProperties(target, a.dataset, ['mountpoint']);
  if (before['mountpoint']?.value !== a.zonepath) await runChecked(target, zfsSet(a.dataset, 'mountpoint', a.zonepath));
  const after = await readProperties(target, a.dataset, ['mountpoint', 'mounted']);
  if (after['mounted']?.value !== 'yes') await runChecked(target, zfsMount(a.dataset));
  return 'mounted';
}
