import { zoneBootEnvironments, pickActive } from '../model/zoneBootEnvironments';
import type { Zone } from '../model/zoneTypes';
import type { SimHost } from '../simHost';
import { writeManifest } from './attachManifest';
import { getopt, has } from './getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { logPath, out, requireInstalledNotRunning, zerror } from './zoneadmContext';

/** Version of the image in the zone's active own ZBE (what attach -n compares). */
export function zoneImageVersion(host: SimHost, zone: Zone): string {
  const zpds = host.zonepathDataset(zone.config.props.zonepath ?? '');
  const zbes = zpds ? zoneBootEnvironments(host, zpds) : undefined;
  const active = zbes ? pickActive(zbes.own) ?? pickActive(zbes.orphans) : undefined;
  return active?.imageVersion ?? host.pkgVersion;
}

/** `detach [-n]`: state → configured, storage untouched; `-n` prints the attach manifest only. */
export async function detach(call: ZoneadmCall, zone: Zone): Promise<number> {
  const o = getopt(call.args, 'n');
  if ('badOption' in o || o.operands.length > 0) {
    zerror(call, 'usage: detach [-n]');
    return 2;
  }
  const host = call.inv.host;
  if (has(o, 'n')) {
    if (zone.state === 'configured') {
      zerror(call, 'must be installed before detach.');
      return 1;
    }
    out(call, writeManifest(zone, zoneImageVersion(host, zone)));
    return 0;
  }
  if (!requireInstalledNotRunning(call, zone, 'detach')) return 1;
  await host.sleep(host.timings.detachMs);
  zone.state = 'configured';
  return 0;
}

function destroyTree(host: SimHost, name: string): void {
  for (const dataset of host.zfs.tree(name).reverse()) host.zfs.remove(dataset.name);
}

/**
 * `uninstall -F`: destroys the ZBEs that belong to this host's active global-zone BE; orphan ZBEs
 * stay (like real Solaris, seed 004). The zonepath dataset goes only when no ZBE is left under it.
 */
export async function uninstall(call: ZoneadmCall, zone: Zone): Promise<number> {
  const o = getopt(call.args, 'Fh');
  if ('badOption' in o || o.operands.length > 0) {
    zerror(call, 'usage: uninstall [-F] [-h]');
    return 2;
  }
  if (zone.state === 'configured') {
    zerror(call, "is already in state 'configured'.");
    return 1;
  }
  if (zone.state !== 'incomplete' && !requireInstalledNotRunning(call, zone, 'uninstall')) return 1;
  if (!has(o, 'F')) {
    // [mem] without a tty zoneadm cannot ask "Are you sure"; it refuses.
    zerror(call, 'uninstall: input not from terminal and -F not specified');
    return 1;
  }
  const host = call.inv.host;
  out(call, `Progress being logged to ${logPath(zone.name, 'uninstall')}\n`);
  const zpds = host.zonepathDataset(zone.config.props.zonepath ?? '');
  if (zpds) {
    const zbes = zoneBootEnvironments(host, zpds);
    for (const zbe of zbes.own) destroyTree(host, zbe.name);
    if (host.zfs.children(zbes.root).length === 0) destroyTree(host, zpds.name);
  }
  zone.state = 'configured';
  return 0;
}
