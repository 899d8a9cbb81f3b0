import type { HostPool } from '../../hosts/host';
import {
  findZoneMarker,
  missingFromConfig,
  parseZonecfgExport,
  renderZonecfgExport,
  zoneMarkerAttr,
  zonecfgDelete,
  zonecfgExport,
  zonecfgImport,
  type ZoneConfig,
} from '../../solaris';
import { runChecked, runToCompletionChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { readZone } from './zoneFacts';

export interface TargetConfigArgs {
  target: string;
  zone: string;
  config: string;
  migrationId: string;
}

async function configOnHost(pool: HostPool, host: string, zone: string): Promise<ZoneConfig> {
  const exported = await runChecked(pool.get(host), zonecfgExport(zone));
  return parseZonecfgExport(exported.stdout);
}

async function markerOnHost(pool: HostPool, host: string, zone: string): Promise<string | undefined> {
  return findZoneMarker(await configOnHost(pool, host, zone));
}

/**
 * Creates the zone's configuration on the target from the source's export, with an `attr`
 * resource naming this migration so undo can prove the config is ours. zonecfg commits what it
 * parsed even when a later line fails, so the marker goes first (any committed config is ours to
 * delete) and the result is read back: a config that lacks part of the source's is a failure.
 * Already there, ours and complete: done.
 */
export async function configureTargetZone(pool: HostPool, a: TargetConfigArgs): Promise<'configured'> {
  const target = pool.get(a.target);
  const intended = parseZonecfgExport(a.config);
  if (await readZone(target, a.zone)) {
    if ((await markerOnHost(pool, a.target, a.zone)) !== a.migrationId) {
      throw preconditionFailed(`${a.target} has a zone ${a.zone} that this migration did not create; not touching it`);
    }
  } else {
    await runToCompletionChecked(target, zonecfgImport(a.zone), {
      stdin: renderZonecfgExport(intended, [zoneMarkerAttr(a.migrationId)]),
    });
  }
  const missing = missingFromConfig(intended, await configOnHost(pool, a.target, a.zone));
  if (missing.length)
    throw preconditionFailed(`zonecfg on ${a.target} committed only part of ${a.zone}'s configuration`, missing);
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
