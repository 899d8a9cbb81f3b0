import {
  dfK,
  isNfsFilesystem,
  isSharedStorageUri,
  kernelZoneDevices,
  parseDfK,
  suriadmLookupMapping,
  type SuspendResource,
  type ZoneConfig,
} from '../../solaris';
import type { Host } from '../../hosts/host';
import type { PlannedDevice } from '../../contracts/kzWarmMigrate/plan';
import { run, showCommand } from '../commandRunner';
import type { PreflightFindings } from './preflightFindings';

/**
 * The zone's disks, each on a shared URI the target resolves (`suriadm lookup-mapping`); a
 * `match=` path or a `dev:` URI names the source's own storage, which cannot move.
 */
export async function checkDisks(f: PreflightFindings, config: ZoneConfig): Promise<PlannedDevice[]> {
  const devices = kernelZoneDevices(config).flatMap((d) => {
    if (d.storage === undefined) {
      f.problems.push(`disk id ${d.id} is a local device (match=${d.match ?? '?'}): only shared storage URIs can move`);
      return [];
    }
    if (!isSharedStorageUri(d.storage))
      f.problems.push(`disk id ${d.id} is on local storage (${d.storage}): only iSCSI, FC (lu:) or NFS URIs can move`);
    return [{ id: d.id, storage: d.storage, ...(d.bootpri !== undefined && { bootpri: d.bootpri }) }];
  });
  for (const d of devices) {
    if (!isSharedStorageUri(d.storage)) continue;
    const res = await run(f.target, suriadmLookupMapping(d.storage));
    if (res.code !== 0)
      f.problems.push(
        `${f.input.target} cannot see disk id ${d.id} (${d.storage}): ${(res.stderr || res.stdout).trim()}`,
      );
  }
  if (devices.length && devices.every((d) => isSharedStorageUri(d.storage)))
    f.checks.push(`disks on shared storage: ${devices.map((d) => d.storage).join(', ')}`);
  return devices;
}

/** The suspend image must be where both hosts reach it: one NFS share, or a shared storage URI. */
export async function checkSuspendTarget(f: PreflightFindings, suspend: SuspendResource | undefined): Promise<void> {
  const { zone, source, target } = f.input;
  if (!suspend) {
    f.problems.push(
      `zone ${zone} has no suspend resource: add one on storage both hosts share (zonecfg -z ${zone} "add suspend; set path=/<nfs mount>/${zone}.sus; end")`,
    );
    return;
  }
  if ('path' in suspend) {
    await checkSharedSuspendPath(f, suspend.path);
    return;
  }
  if (!isSharedStorageUri(suspend.storage)) {
    f.problems.push(`the suspend resource's storage ${suspend.storage} is local to ${source}: it cannot move`);
    return;
  }
  const res = await run(f.target, suriadmLookupMapping(suspend.storage));
  if (res.code !== 0)
    f.problems.push(
      `${target} cannot see the suspend storage ${suspend.storage}: ${(res.stderr || res.stdout).trim()}`,
    );
}

/** Both hosts must see the suspend file's directory as the same NFS share (`df -k` names `server:/path`). */
async function checkSharedSuspendPath(f: PreflightFindings, path: string): Promise<void> {
  const { source, target } = f.input;
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const shareOf = async (host: Host, name: string): Promise<string | undefined> => {
    const argv = dfK(dir);
    const res = await run(host, argv);
    if (res.code !== 0) {
      f.problems.push(`\`${showCommand(argv)}\` on ${name}: ${res.stderr.trim()}`);
      return undefined;
    }
    return parseDfK(res.stdout)[0]?.filesystem;
  };
  const onSource = await shareOf(f.source, source);
  const onTarget = await shareOf(f.target, target);
  if (onSource === undefined || onTarget === undefined) return;
  if (!isNfsFilesystem(onSource)) {
    f.problems.push(
      `the suspend file ${path} is on ${onSource}, local to ${source}: put it on an NFS share both hosts mount`,
    );
    return;
  }
  if (onSource !== onTarget) {
    f.problems.push(
      `${dir} is ${onSource} on ${source} but ${onTarget} on ${target}: the suspend image must be on one share both mount`,
    );
    return;
  }
  f.checks.push(`suspend image ${path} on ${onSource}, mounted on both hosts`);
}
