import type { Host, HostPool } from '../../hosts/host';
import {
  dfK,
  formatBytes,
  isNfsFilesystem,
  isSharedStorageUri,
  kernelZoneDevices,
  kernelZoneMemoryBytes,
  kernelZoneVirtualCpus,
  KERNEL_ZONE_BRAND,
  parseDfK,
  parsePrtconfMemoryBytes,
  parsePsrinfoCount,
  parsePsrinfoImplementation,
  parseZonecfgInfo,
  prtconfMemory,
  psrinfo,
  psrinfoPhysical,
  suriadmLookupMapping,
  suspendResource,
  zonecfgInfo,
  type ZoneConfig,
} from '../../solaris';
import type { KzWarmMigrateInput } from '../../contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlan, PlannedDevice } from '../../contracts/kzWarmMigrate/plan';
import { run, runChecked, showCommand } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { isSuspended, readAuxiliary } from '../zones/kernelZone';
import { readZone } from '../zones/zoneFacts';

/**
 * Read-only checks before a warm migration, all of them, so the operator sees every problem at
 * once: a running (or already suspended) Kernel Zone with a suspend resource; every disk and the
 * suspend target on storage both hosts reach; the name free on the target; and the target's
 * memory and CPUs, which `zoneadm migrate -n` does not check for a warm migration (Oracle,
 * "Preparing to Migrate a Kernel Zone").
 */
export async function preflightKzWarmMigrate(pool: HostPool, input: KzWarmMigrateInput): Promise<KzWarmMigratePlan> {
  const source = pool.get(input.source);
  const target = pool.get(input.target);
  const problems: string[] = [];
  const checks: string[] = [];
  const refuse = (why: string) =>
    preconditionFailed(`kzWarmMigrate of ${input.zone} from ${input.source} to ${input.target} is not possible`, [why]);

  const zone = await readZone(source, input.zone);
  if (!zone) throw refuse(`zone ${input.zone} is not configured on ${input.source}`);
  if (zone.brand !== KERNEL_ZONE_BRAND)
    throw refuse(`zone ${input.zone} is brand ${zone.brand}, not a kernel zone (solaris-kz): use coldMove`);
  const aux = await readAuxiliary(source, input.zone);
  const sourceState = zone.state === 'running' ? 'running' : isSuspended(aux) ? 'suspended' : undefined;
  if (!sourceState)
    throw refuse(
      `zone ${input.zone} on ${input.source} is ${zone.state}${aux?.auxiliary.length ? ` (${aux.auxiliary.join(', ')})` : ''}: a warm migration needs it running or suspended`,
    );
  checks.push(`kernel zone ${input.zone} on ${input.source}: ${sourceState}`);

  const config = parseZonecfgInfo((await runChecked(source, zonecfgInfo(input.zone))).stdout);
  const devices = plannedDevices(config, problems);
  const suspend = suspendResource(config);
  if (!suspend)
    problems.push(
      `zone ${input.zone} has no suspend resource: add one on storage both hosts share (zonecfg -z ${input.zone} "add suspend; set path=/<nfs mount>/${input.zone}.sus; end")`,
    );

  for (const d of devices) {
    if (!isSharedStorageUri(d.storage)) continue;
    const res = await run(target, suriadmLookupMapping(d.storage));
    if (res.code !== 0)
      problems.push(`${input.target} cannot see disk id ${d.id} (${d.storage}): ${(res.stderr || res.stdout).trim()}`);
  }
  if (devices.length && devices.every((d) => isSharedStorageUri(d.storage)))
    checks.push(`disks on shared storage: ${devices.map((d) => d.storage).join(', ')}`);

  if (suspend && 'path' in suspend) await checkSharedSuspendPath(suspend.path, source, target, input, problems, checks);
  if (suspend && 'storage' in suspend) {
    if (!isSharedStorageUri(suspend.storage))
      problems.push(`the suspend resource's storage ${suspend.storage} is local to ${input.source}: it cannot move`);
    else {
      const res = await run(target, suriadmLookupMapping(suspend.storage));
      if (res.code !== 0)
        problems.push(`${input.target} cannot see the suspend storage ${suspend.storage}: ${res.stderr.trim()}`);
    }
  }

  const onTarget = await readZone(target, input.zone);
  if (onTarget) problems.push(`${input.target} already has a zone named ${input.zone} (${onTarget.state})`);

  const memoryBytes = kernelZoneMemoryBytes(config);
  const virtualCpus = kernelZoneVirtualCpus(config);
  await checkTargetCapacity(target, input.target, memoryBytes, virtualCpus, problems, checks);
  await checkCpuClass(config, source, target, input, problems, checks);

  if (problems.length)
    throw preconditionFailed(
      `kzWarmMigrate of ${input.zone} from ${input.source} to ${input.target} is not possible`,
      problems,
    );
  return {
    zone: input.zone,
    sourceState,
    devices,
    suspend: suspend!,
    ...(memoryBytes !== undefined && { memoryBytes }),
    ...(virtualCpus !== undefined && { virtualCpus }),
    checks,
  };
}

/** The zone's disks; a `match=` path or a `dev:` URI names the source's own storage, which cannot move. */
function plannedDevices(config: ZoneConfig, problems: string[]): PlannedDevice[] {
  return kernelZoneDevices(config).flatMap((d) => {
    if (d.storage === undefined) {
      problems.push(`disk id ${d.id} is a local device (match=${d.match ?? '?'}): only shared storage URIs can move`);
      return [];
    }
    if (!isSharedStorageUri(d.storage))
      problems.push(`disk id ${d.id} is on local storage (${d.storage}): only iSCSI, FC (lu:) or NFS URIs can move`);
    return [{ id: d.id, storage: d.storage, ...(d.bootpri !== undefined && { bootpri: d.bootpri }) }];
  });
}

/** Both hosts must see the suspend file's directory as the same NFS share (`df -k` names `server:/path`). */
async function checkSharedSuspendPath(
  path: string,
  source: Host,
  target: Host,
  input: KzWarmMigrateInput,
  problems: string[],
  checks: string[],
): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const shareOf = async (host: Host, name: string): Promise<string | undefined> => {
    const argv = dfK(dir);
    const res = await run(host, argv);
    if (res.code !== 0) {
      problems.push(`\`${showCommand(argv)}\` on ${name}: ${res.stderr.trim()}`);
      return undefined;
    }
    return parseDfK(res.stdout)[0]?.filesystem;
  };
  const onSource = await shareOf(source, input.source);
  const onTarget = await shareOf(target, input.target);
  if (onSource === undefined || onTarget === undefined) return;
  if (!isNfsFilesystem(onSource)) {
    problems.push(
      `the suspend file ${path} is on ${onSource}, local to ${input.source}: put it on an NFS share both hosts mount`,
    );
    return;
  }
  if (onSource !== onTarget) {
    problems.push(
      `${dir} is ${onSource} on ${input.source} but ${onTarget} on ${input.target}: the suspend image must be on one share both mount`,
    );
    return;
  }
  checks.push(`suspend image ${path} on ${onSource}, mounted on both hosts`);
}

/** The target must have the memory and CPUs the zone is configured for (zmig's own check). */
async function checkTargetCapacity(
  target: Host,
  name: string,
  memoryBytes: number | undefined,
  virtualCpus: number | undefined,
  problems: string[],
  checks: string[],
): Promise<void> {
  if (memoryBytes !== undefined) {
    const have = parsePrtconfMemoryBytes((await runChecked(target, prtconfMemory())).stdout);
    if (have < memoryBytes)
      problems.push(
        `${name} has ${formatBytes(have)} of memory; the zone is configured for ${formatBytes(memoryBytes)}`,
      );
    else checks.push(`${name} memory ${formatBytes(have)} ≥ ${formatBytes(memoryBytes)}`);
  }
  if (virtualCpus !== undefined) {
    const have = parsePsrinfoCount((await runChecked(target, psrinfo())).stdout);
    if (have < virtualCpus)
      problems.push(`${name} has ${have} virtual CPUs; the zone is configured for ${virtualCpus}`);
    else checks.push(`${name} CPUs ${have} ≥ ${virtualCpus}`);
  }
}

/**
 * A suspended guest resumes only on a host of its CPU class: the host's own processor when the
 * zone has no `cpu-arch`, else that migration class ("The kernel zone host will always refuse to
 * resume a guest previously suspended on an incompatible platform", Oracle, "Specifying a CPU
 * Migration Class"). Without a class zmig requires the same processor implementation; with one,
 * which processors run it is Oracle's table, so the resume itself is the check.
 */
async function checkCpuClass(
  config: ZoneConfig,
  source: Host,
  target: Host,
  input: KzWarmMigrateInput,
  problems: string[],
  checks: string[],
): Promise<void> {
  const cpuArch = config.globals['cpu-arch'];
  if (cpuArch && cpuArch !== 'solaris') {
    checks.push(`CPU migration class ${cpuArch} (the resume on ${input.target} refuses a host that lacks it)`);
    return;
  }
  const implementation = async (host: Host) =>
    parsePsrinfoImplementation((await runChecked(host, psrinfoPhysical())).stdout);
  const onSource = await implementation(source);
  const onTarget = await implementation(target);
  if (onSource !== onTarget)
    problems.push(
      `zone ${input.zone} has no cpu-arch migration class, so its image resumes only on a ${onSource}; ${input.target} is a ${onTarget}: set cpu-arch to a migration class both support and reboot the zone, or choose a ${onSource} target`,
    );
  else checks.push(`CPU ${onSource} on both hosts`);
}
