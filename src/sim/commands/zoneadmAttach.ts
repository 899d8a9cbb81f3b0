import { readAll } from '../shell/io';
import { ZBE_ACTIVE_PROP } from '../model/bootEnvironment';
import { cloneOrphan, pickActive, zoneBootEnvironments } from '../model/zoneBootEnvironments';
import type { Dataset } from '../model/zfsTypes';
import type { Zone } from '../model/zoneTypes';
import { STATE_RANK } from '../model/zoneTypes';
import { compareVersions, readManifest } from './attachManifest';
import { getopt, has } from './getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { logPath, out, progressLine, zerror } from './zoneadmContext';

const ZBE_OPTIONS = ['attach-last-booted-zbe', 'destroy-orphan-zbes', 'force-zbe-clone', 'deny-zbe-clone'];

function failed(call: ZoneadmCall, reason: string, result = 'Attach Failed.'): number {
  const { stderr } = call.inv.io;
  stderr.write(progressLine('Evaluation', reason));
  stderr.write(progressLine('Result', result));
  return 1;
}

/** The package check both attach and attach -n make. undefined = compatible. */
function packageProblem(zoneName: string, zoneVersion: string, hostVersion: string, update: boolean): string | undefined {
  const cmp = compareVersions(zoneVersion, hostVersion);
  if (cmp < 0 && !update) {
    return `Packages in zone ${zoneName} are out of sync with the global zone. To proceed, retry with the -u flag.`;
  }
  if (cmp > 0) {
    // [mem] wording: a zone image newer than the global zone cannot be attached.
    return `Packages in zone ${zoneName} are newer than the global zone (${zoneVersion} > ${hostVersion}). Update the global zone first.`;
  }
  return undefined;
}

/** `attach -n -`: reads a manifest on stdin, checks brand and packages, changes nothing. */
async function dryRun(call: ZoneadmCall, path: string, update: boolean): Promise<number> {
  const { host } = call.inv;
  if (path !== '-') {
    zerror(call, `${path}: No such file or directory`);
    return 1;
  }
  const manifest = readManifest((await readAll(call.inv.io.stdin, call.inv.io.signal)).toString());
  if (!manifest) {
    zerror(call, 'cannot parse the attach manifest from standard input');
    return 1;
  }
  out(call, `Progress being logged to ${logPath(manifest.name, 'attach')}\n`);
  if (!host.brands.includes(manifest.brand)) {
    return failed(call, `Brand ${manifest.brand} is not installed on this system.`, 'Attach Simulation Failed.');
  }
  const problem = packageProblem(manifest.name, manifest.packageVersion, host.pkgVersion, update);
  if (problem) return failed(call, problem, 'Attach Simulation Failed.');
  out(call, progressLine('Evaluation', `Zone ${manifest.name} (brand ${manifest.brand}, zonepath ${manifest.zonepath}) is compatible with this system.`));
  out(call, progressLine('Result', 'Attach Simulation Succeeded.'));
  return 0;
}

/**
 * `attach [-u] [-F] [-x zbe-option]… [-n -]` for solaris-brand zones, with the boot-environment
 * rules of seed 004: ZBEs whose parentbe is not this host's active BE are orphans and get cloned.
 */
export async function attach(call: ZoneadmCall): Promise<number> {
  const o = getopt(call.args, 'uFx:n:b:c:');
  if ('badOption' in o || o.operands.length > 0) {
    zerror(call, 'usage: attach [-F] [-n <path>] [-u] [-x <extended-option>]...');
    return 2;
  }
  const extended = o.opts.get('x') ?? [];
  const unknown = extended.find((x) => !ZBE_OPTIONS.includes(x));
  if (unknown) {
    zerror(call, `invalid extended option '${unknown}'`);
    return 2;
  }
  const manifestPath = o.opts.get('n')?.at(-1);
  if (manifestPath !== undefined) return dryRun(call, manifestPath, has(o, 'u'));

  const zone = call.zone;
  if (!zone) {
    zerror(call, 'attach requires a zone name (-z)');
    return 2;
  }
  if (STATE_RANK[zone.state] >= STATE_RANK.ready) {
    zerror(call, `attach operation is invalid for ${zone.state} zones.`);
    return 1;
  }
  if (zone.state !== 'configured' && zone.state !== 'unavailable') {
    zerror(call, 'is already installed.');
    return 1;
  }
  return attachSolaris(call, zone, extended, has(o, 'u'), has(o, 'F'));
}

async function attachSolaris(call: ZoneadmCall, zone: Zone, extended: string[], update: boolean, force: boolean): Promise<number> {
  const { host } = call.inv;
  const brand = zone.config.props.brand ?? 'solaris';
  if (!host.brands.includes(brand)) {
    zerror(call, `brand '${brand}' is not installed on this system`);
    return 1;
  }
  const zonepath = zone.config.props.zonepath ?? '';
  out(call, `Progress being logged to ${logPath(zone.name, 'attach')}\n`);
  const zpds = host.zonepathDataset(zonepath);
  if (!zpds) return failed(call, `ERROR: zonepath ${zonepath} is not a mounted ZFS dataset; nothing to attach.`);
  const zbes = zoneBootEnvironments(host, zpds);
  if (zbes.own.length + zbes.orphans.length === 0) {
    return failed(call, `ERROR: no zone boot environment found under ${zbes.root}.`);
  }
  const forceClone = extended.includes('force-zbe-clone');
  const mustClone = forceClone || zbes.own.length === 0;
  if (mustClone && extended.includes('deny-zbe-clone')) {
    return failed(call, `ERROR: no zone boot environment in ${zbes.root} belongs to the active global zone boot environment (${host.activeBe}), and -x deny-zbe-clone forbids cloning one.`);
  }
  const source: Dataset | undefined = mustClone ? pickActive(zbes.orphans) ?? pickActive(zbes.own) : pickActive(zbes.own);
  if (!source) return failed(call, `ERROR: no usable zone boot environment under ${zbes.root}.`);
  const problem = force ? undefined : packageProblem(zone.name, source.imageVersion ?? host.pkgVersion, host.pkgVersion, update);

  out(call, progressLine('Installing', mustClone ? `Cloning orphan zone boot environment ${source.name}` : 'Using existing zone boot environment'));
  if (problem) {
    out(call, progressLine('Zone BE root dataset', source.name));
    return failed(call, problem);
  }
  await host.sleep(host.timings.attachMs);
  // [mem] clone wording; the clone gets this host's parentbe and becomes the active ZBE.
  const active = mustClone ? cloneOrphan(host, source, zbes.root) : source;
  for (const zbe of zbes.own) if (zbe !== active) zbe.props[ZBE_ACTIVE_PROP] = 'off';
  active.props[ZBE_ACTIVE_PROP] = 'on';
  out(call, progressLine('Zone BE root dataset', active.name));
  out(call, progressLine('Cache', 'Using /var/pkg/publisher.'));
  out(call, progressLine('Updating non-global zone', 'Linking to image /.'));
  out(call, progressLine('Updating non-global zone', 'Auditing packages.'));
  if (update && compareVersions(active.imageVersion ?? host.pkgVersion, host.pkgVersion) < 0) {
    out(call, progressLine('Updating non-global zone', `Syncing packages to ${host.pkgVersion}.`));
    active.imageVersion = host.pkgVersion;
  }
  if (extended.includes('destroy-orphan-zbes')) {
    for (const orphan of zbes.orphans) {
      if (orphan === active) continue;
      for (const d of host.zfs.tree(orphan.name).reverse()) host.zfs.remove(d.name);
    }
  }
  out(call, progressLine('Updating non-global zone', 'Zone updated.'));
  out(call, progressLine('Result', 'Attach Succeeded.'));
  zone.state = 'installed';
  return 0;
}
