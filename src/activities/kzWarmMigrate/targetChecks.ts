import {
  formatBytes,
  kernelZoneMemoryBytes,
  KERNEL_ZONE_BRAND,
  parseZoneadmList,
  parseZonecfgInfo,
  zoneadmList,
  zonecfgInfo,
  parsePrtconfMemoryBytes,
  parsePsrinfoCount,
  parsePsrinfoImplementation,
  processorFamily,
  prtconfMemory,
  psrinfo,
  psrinfoPhysical,
  type ZoneConfig,
} from '../../solaris';
import type { Host } from '../../hosts/host';
import { runChecked } from '../commandRunner';
import type { PreflightFindings } from './preflightFindings';

/**
 * The target must have the memory and CPUs the zone is configured for: zmig's own check, since
 * `zoneadm migrate -n` does not make it for a warm migration (Oracle, "About the zoneadm migrate
 * Command"). A Kernel Zone's memory is reserved while it runs, so what the target's running Kernel
 * Zones hold is not free.
 */
export async function checkTargetCapacity(
  f: PreflightFindings,
  memoryBytes: number | undefined,
  virtualCpus: number | undefined,
): Promise<void> {
  const name = f.input.target;
  if (memoryBytes !== undefined) {
    const installed = parsePrtconfMemoryBytes((await runChecked(f.target, prtconfMemory())).stdout);
    const reserved = await runningKernelZoneMemory(f.target);
    const free = installed - reserved;
    const held = reserved
      ? ` (${formatBytes(installed)} installed, ${formatBytes(reserved)} held by running kernel zones)`
      : '';
    if (free < memoryBytes)
      f.problems.push(
        `${name} has ${formatBytes(free)} of memory free${held}; the zone is configured for ${formatBytes(memoryBytes)}`,
      );
    else f.checks.push(`${name} memory ${formatBytes(free)} free${held} ≥ ${formatBytes(memoryBytes)}`);
  }
  if (virtualCpus !== undefined) {
    const have = parsePsrinfoCount((await runChecked(f.target, psrinfo())).stdout);
    if (have < virtualCpus)
      f.problems.push(`${name} has ${have} virtual CPUs; the zone is configured for ${virtualCpus}`);
    else f.checks.push(`${name} CPUs ${have} ≥ ${virtualCpus}`);
  }
}

/** The `capped-memory` of every Kernel Zone running on `host`. */
async function runningKernelZoneMemory(host: Host): Promise<number> {
  const running = parseZoneadmList((await runChecked(host, zoneadmList({ scope: 'running' }))).stdout).filter(
    (z) => z.brand === KERNEL_ZONE_BRAND && z.name !== 'global',
  );
  let total = 0;
  for (const z of running)
    total += kernelZoneMemoryBytes(parseZonecfgInfo((await runChecked(host, zonecfgInfo(z.name))).stdout)) ?? 0;
  return total;
}

/**
 * A suspended guest resumes only on a host of its CPU class: the host's own processor when the
 * zone has no `cpu-arch`, else that migration class ("The kernel zone host will always refuse to
 * resume a guest previously suspended on an incompatible platform", Oracle, "Specifying a CPU
 * Migration Class"). Without a class zmig requires the same processor implementation; with one,
 * which processors run it is Oracle's table, so the resume itself is the check.
 */
export async function checkCpuClass(f: PreflightFindings, config: ZoneConfig): Promise<void> {
  const { zone, target } = f.input;
  const implementation = async (host: Host) =>
    parsePsrinfoImplementation((await runChecked(host, psrinfoPhysical())).stdout);
  const onSource = await implementation(f.source);
  const onTarget = await implementation(f.target);
  const cpuArch = config.globals['cpu-arch'];
  if (processorFamily(onSource) !== processorFamily(onTarget))
    f.problems.push(
      `${f.input.source} is a ${onSource} and ${target} a ${onTarget}: a Kernel Zone never resumes across processor families`,
    );
  else if (cpuArch && cpuArch !== 'solaris')
    f.checks.push(`CPU migration class ${cpuArch} (the resume on ${target} refuses a host that lacks it)`);
  else if (onSource !== onTarget)
    f.problems.push(
      `zone ${zone} has no cpu-arch migration class, so its image resumes only on a ${onSource}; ${target} is a ${onTarget}: set cpu-arch to a migration class both support and reboot the zone, or choose a ${onSource} target`,
    );
  else f.checks.push(`CPU ${onSource} on both hosts`);
}
