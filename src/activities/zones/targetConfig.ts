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
  withoutZoneMarker,
  type ZoneConfig,
} from '../../solaris';
import { runChecked, runToCompletionChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { keyMaterialInExport, withKeyRedacted } from '../kz/keyMaterial';
import { readZone } from './zoneFacts';

export interface TargetConfigArgs {
  target: string;
  zone: string;
  config: string;
  migrationId: string;
}

/** A zone's configuration as its export shows it; a Kernel Zone's key never reaches a failure's text. */
async function configOnHost(pool: HostPool, host: string, zone: string): Promise<ZoneConfig> {
  const exported = await runChecked(pool.get(host), zonecfgExport(zone));
  return withKeyRedacted(
    () => keyMaterialInExport(exported.stdout),
    async () => parseZonecfgExport(exported.stdout),
  );
}

/** The migration id in the zone's zmig marker on that host. */
export async function markerOnHost(pool: HostPool, host: string, zone: string): Promise<string | undefined> {
  return findZoneMarker(await configOnHost(pool, host, zone));
}

/**
 * Creates the zone's configuration on the target, with an `attr` resource naming this migration so
 * undo can prove the config is ours. zonecfg commits what it parsed even when a later line fails,
 * so the marker goes first (any committed config is ours to delete) and the result is read back: a
 * config that lacks part of the intended one is a failure. Already there, ours and complete: done.
 */
async function applyTargetConfig(
  pool: HostPool,
  a: Omit<TargetConfigArgs, 'config'>,
  intended: ZoneConfig,
): Promise<'configured'> {
  const target = pool.get(a.target);
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

/** The target's configuration from the source's export, which the plan carries (native zones: no secrets in it). */
export async function configureTargetZone(pool: HostPool, a: TargetConfigArgs): Promise<'configured'> {
  return applyTargetConfig(pool, a, parseZonecfgExport(a.config));
}

/**
 * A Kernel Zone's configuration, key included, from source to target inside this one activity
 * (Oracle, "Encryption Keys And Kernel Zone Migration": the source's `zonecfg export` carries the
 * key the target needs). It travels on zonecfg's stdin, never in a file, and leaves neither in the
 * activity's input or result nor, redacted, in any failure it reports.
 */
export async function copyZoneConfigWithKey(
  pool: HostPool,
  a: { source: string; target: string; zone: string; migrationId: string },
): Promise<'configured'> {
  let secrets: string[] = [];
  return withKeyRedacted(
    () => secrets,
    async () => {
      const exported = await runChecked(pool.get(a.source), zonecfgExport(a.zone));
      secrets = keyMaterialInExport(exported.stdout);
      return applyTargetConfig(pool, a, withoutZoneMarker(parseZonecfgExport(exported.stdout)));
    },
  );
}

/** Undo of configureTargetZone: deletes the target config only when it carries this migration's marker. */
export async function deleteTargetZoneConfig(pool: HostPool, a: Omit<TargetConfigArgs, 'config'>): Promise<void> {
  const target = pool.get(a.target);
  const zone = await readZone(target, a.zone);
  if (!zone) return;
  // Someone else's zone of the same name is never ours to delete.
  if ((await markerOnHost(pool, a.target, a.zone)) !== a.migrationId) return;
  // `delete -F` would drop an attached zone's configuration and strand what it holds (its
  // datasets, a Kernel Zone's claim on shared storage): only a detached one is deleted.
  if (zone.state !== 'configured')
    throw preconditionFailed(
      `zone ${a.zone} on ${a.target} is ${zone.state}, not configured: its configuration is left in place`,
    );
  await runChecked(target, zonecfgDelete(a.zone));
}
