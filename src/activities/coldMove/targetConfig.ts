import type { HostPool } from '../../hosts/host';
import { findZoneMarker, parseZonecfgExport, renderZonecfgExport, zoneMarkerAttr, zonecfgDelete, zonecfgExport, zonecfgImport } from '../../solaris';
import { runChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { readZone } from '../zoneFacts';

export interface TargetConfigArgs {
  target: string;
  zone: string;
  config: string;
  migrationId: string;
}

async function markerOnHost(pool: HostPool, host: string, zone: string): Promise<string | undefined> {
  const exported = await runChecked(pool.get(host), zonecfgExport(zone));
  return findZoneMarker(parseZonecfgExport(exported.stdout));
}

/**
 * Creates the zone's configuration on the target from the source's export, with an `attr`
 * resource naming this migration so undo can prove the config is ours. Already there and ours: done.
 */
export async function configureTargetZone(pool: HostPool, a: TargetConfigArgs): Promise<'configured'> {
  const target = pool.get(a.target);
  if (await readZone(target, a.zone)) {
    if ((await markerOnHost(pool, a.target, a.zone)) === a.migrationId) return 'configured';
    throw preconditionFailed(`${a.target} has a zone ${a.zone} that this migration did not create; not touching it`);
  }
  const cfg = parseZonecfgExport(a.config);
  cfg.resources.push(zoneMarkerAttr(a.migrationId));
  await runChecked(target, zonecfgImport(a.zone), { stdin: renderZonecfgExport(cfg) });
  return 'configured';
}

/** Undo of configureTargetZone: deletes the target config only when it carries this migration's marker. */
export async function deleteTargetZoneConfig(pool: HostPool, a: Omit<TargetConfigArgs, 'config'>): Promise<void> {
  const target = pool.get(a.target);
  if (!(await readZone(target, a.zone))) return;
  // Someone else's zone of the same name is never ours to delete.
  if ((await markerOnHost(pool, a.target, a.zone)) !== a.migrationId) return;
  await runChecked(target, zonecfgDelete(a.zone));
}
