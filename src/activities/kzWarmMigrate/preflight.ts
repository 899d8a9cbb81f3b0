import type { HostPool } from '../../hosts/host';
import {
  kernelZoneMemoryBytes,
  kernelZoneVirtualCpus,
  KERNEL_ZONE_BRAND,
  parseZonecfgInfo,
  suspendResource,
  zonecfgInfo,
} from '../../solaris';
import type { KzWarmMigrateInput } from '../../contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlan } from '../../contracts/kzWarmMigrate/plan';
import { runChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { isSuspended, readAuxiliary } from '../kz/kernelZone';
import { readZone } from '../zones/zoneFacts';
import type { PreflightFindings } from './preflightFindings';
import { checkDisks, checkSuspendTarget } from './storageChecks';
import { checkCpuClass, checkTargetCapacity } from './targetChecks';

/**
 * Read-only checks before a warm migration, all of them, so the operator sees every problem at
 * once: a running (or already suspended) Kernel Zone with a suspend resource; every disk and the
 * suspend target on storage both hosts reach (storageChecks.ts); the name free on the target;
 * the target's memory, CPUs and CPU class (targetChecks.ts).
 */
export async function preflightKzWarmMigrate(pool: HostPool, input: KzWarmMigrateInput): Promise<KzWarmMigratePlan> {
  const source = pool.get(input.source);
  const target = pool.get(input.target);
  const f: PreflightFindings = { input, source, target, problems: [], checks: [] };
  const notPossible = `kzWarmMigrate of ${input.zone} from ${input.source} to ${input.target} is not possible`;
  const refuse = (why: string) => preconditionFailed(notPossible, [why]);

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
  f.checks.push(`kernel zone ${input.zone} on ${input.source}: ${sourceState}`);

  const config = parseZonecfgInfo((await runChecked(source, zonecfgInfo(input.zone))).stdout);
  const devices = await checkDisks(f, config);
  const suspend = suspendResource(config);
  await checkSuspendTarget(f, suspend);

  const onTarget = await readZone(target, input.zone);
  if (onTarget) f.problems.push(`${input.target} already has a zone named ${input.zone} (${onTarget.state})`);

  const memoryBytes = kernelZoneMemoryBytes(config);
  const virtualCpus = kernelZoneVirtualCpus(config);
  await checkTargetCapacity(f, memoryBytes, virtualCpus);
  await checkCpuClass(f, config);

  // No suspend resource is one of the problems.
  if (f.problems.length || !suspend) throw preconditionFailed(notPossible, f.problems);
  return {
    zone: input.zone,
    sourceState,
    devices,
    suspend,
    ...(memoryBytes !== undefined && { memoryBytes }),
    ...(virtualCpus !== undefined && { virtualCpus }),
    checks: f.checks,
  };
}
