import type { HostPool } from '../../hosts/host';
import { kernelZoneDevices, KERNEL_ZONE_BRAND, parseZonecfgInfo, zonecfgInfo } from '../../solaris';
import { luName, type IscsiLuRollbackInput } from '../../contracts/iscsiLuRollback/input';
import type { ConsumerState, IscsiLuRollbackPlan } from '../../contracts/iscsiLuRollback/plan';
import { runChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { readLu } from '../comstar/logicalUnit';
import { isSuspended, readAuxiliary } from '../kz/kernelZone';
import { newerThan, snapshotsOf } from '../zfs/rollback';

/**
 * Read-only checks before an LU rollback, all of them, so the operator sees every problem at once:
 * the LU and its zvol; the snapshot; every newer snapshot the rollback would destroy (consent
 * required, none held); the consumer zone (a Kernel Zone using this LU, not suspended, halted only
 * with consent). Records the LU's GUID, alias and views for the import and the views afterwards.
 */
export async function preflightIscsiLuRollback(
  pool: HostPool,
  input: IscsiLuRollbackInput,
): Promise<IscsiLuRollbackPlan> {
  const storage = pool.get(input.storageHost);
  const notPossible = `rollback of LU ${luName(input)} on ${input.storageHost} is not possible`;
  const checks: string[] = [];
  const problems: string[] = [];

  const lu = await readLu(storage, { guid: input.lu, zvol: input.zvol });
  if (!lu) throw preconditionFailed(notPossible, [`${input.storageHost}'s STMF has no logical unit ${luName(input)}`]);
  checks.push(`LU ${lu.guid} on ${input.storageHost}: zvol ${lu.zvol}, ${lu.views.length} view(s) recorded`);

  const snapshot = `${lu.zvol}@${input.snapshot}`;
  const newer = newerThan(await snapshotsOf(storage, lu.zvol), snapshot);
  if (!newer) throw preconditionFailed(notPossible, [`${snapshot} does not exist on ${input.storageHost}`]);
  const names = newer.map((s) => s.name);
  if (newer.length && !input.destroyNewer)
    problems.push(
      `rolling back to ${snapshot} destroys the newer snapshot(s) ${names.join(', ')}: consent with --destroy-newer`,
    );
  const held = newer.filter((s) => s.holds > 0).map((s) => s.name);
  if (held.length)
    problems.push(`newer snapshot(s) with user holds cannot be destroyed: ${held.join(', ')} (zfs holds)`);
  checks.push(
    newer.length ? `newer snapshots the rollback destroys: ${names.join(', ')}` : `${snapshot} is the latest`,
  );

  let consumer: IscsiLuRollbackPlan['consumer'];
  if (input.consumer) {
    const { zone, host: hostName } = input.consumer;
    const host = pool.get(hostName);
    const entry = await readAuxiliary(host, zone);
    const state = entry?.state as ConsumerState | undefined;
    if (!entry) problems.push(`zone ${zone} is not configured on ${hostName}`);
    else if (isSuspended(entry))
      problems.push(
        `zone ${zone} on ${hostName} is suspended: its new host data would discard the suspend image; boot (resume) and halt it first`,
      );
    else if (!['running', 'installed', 'configured'].includes(entry.state))
      problems.push(`zone ${zone} on ${hostName} is ${entry.state}: wait until it is running, installed or configured`);
    else if (state === 'running' && !input.haltConsumer)
      problems.push(`zone ${zone} on ${hostName} is running: allow halting it with --halt-consumer`);
    if (entry) {
      const config = parseZonecfgInfo((await runChecked(host, zonecfgInfo(zone))).stdout);
      const uses = kernelZoneDevices(config).some((d) => d.storage?.toUpperCase().includes(lu.guid));
      if (config.globals['brand'] !== KERNEL_ZONE_BRAND)
        problems.push(`zone ${zone} on ${hostName} is not a kernel zone`);
      else if (!uses) problems.push(`zone ${zone} on ${hostName} has no device on LU ${lu.guid}`);
    }
    if (entry && state) {
      consumer = { zone, host: hostName, state };
      checks.push(`consumer ${zone} on ${hostName}: ${state}, boots from LU ${lu.guid}`);
    }
  }

  if (problems.length) throw preconditionFailed(notPossible, problems);
  return { lu, snapshot, newer: names, ...(consumer && { consumer }), checks };
}
