import { sleep } from '@temporalio/activity';
import type { ApplicationFailure } from '@temporalio/common';
import type { ExecResult, Host, HostPool } from '../../hosts/host';
import {
  parseAttachOutput,
  parseZoneadmListAuxiliary,
  zoneadmAttach,
  zoneadmListAuxiliary,
  zoneadmSuspend,
  type ZoneAuxiliaryEntry,
} from '../../solaris';
import { runChecked, showCommand } from '../commandRunner';
import { commandFailed, preconditionFailed } from '../failures';
import { reportProgress } from '../heartbeat';
import { markerOnHost } from '../zones/targetConfig';
import { readZone } from '../zones/zoneFacts';
import { POLL_MS, zoneadmChange, zoneadmChangeChecked, type ZoneRef } from '../zones/zoneLifecycle';

/** The zone's state and auxiliary states (`zoneadm list -cs`), or undefined when it is not configured. */
export async function readAuxiliary(host: Host, zone: string): Promise<ZoneAuxiliaryEntry | undefined> {
  const res = await runChecked(host, zoneadmListAuxiliary());
  return parseZoneadmListAuxiliary(res.stdout).find((z) => z.name === zone);
}

export function isSuspended(entry: ZoneAuxiliaryEntry | undefined): boolean {
  return entry?.state === 'installed' && entry.auxiliary.includes('suspended');
}

/**
 * `zoneadm suspend`, waiting until the zone is installed with auxiliary state `suspended` (its
 * memory image written to the suspend resource). Already suspended: done. `ifRunning` (the undo of
 * a resume) leaves a zone that is not running alone instead of failing.
 */
export async function suspendZone(
  pool: HostPool,
  a: ZoneRef & { timeoutSeconds: number; ifRunning?: boolean },
): Promise<'suspended' | 'not running'> {
  const host = pool.get(a.host);
  const before = await readAuxiliary(host, a.zone);
  if (isSuspended(before)) return 'suspended';
  // A retry can find an earlier attempt's suspend still writing the image: it waits for that one.
  const underway = before?.state === 'shutting_down' || before?.state === 'down';
  if (before?.state !== 'running' && !underway) {
    if (a.ifRunning) return 'not running';
    throw preconditionFailed(
      `zone ${a.zone} on ${a.host} is ${before?.state ?? 'not configured'}, not running: there is nothing to suspend, and booting it would not resume it`,
    );
  }
  if (!underway) await zoneadmChangeChecked(host, zoneadmSuspend(a.zone));
  const deadline = Date.now() + a.timeoutSeconds * 1000;
  for (;;) {
    const now = await readAuxiliary(host, a.zone);
    reportProgress({ zone: a.zone, state: now?.state, auxiliary: now?.auxiliary });
    if (isSuspended(now)) return 'suspended';
    if (Date.now() >= deadline)
      throw preconditionFailed(
        `zone ${a.zone} on ${a.host} is ${now?.state ?? 'gone'} ${now?.auxiliary.join(',') ?? ''}, not suspended, ${a.timeoutSeconds} s after zoneadm suspend`,
      );
    await sleep(POLL_MS);
  }
}

/** What the hint of a failed Kernel Zone attach tells the operator. */
function kernelZoneAttachHint(host: string, zone: string, output: string): string {
  const parsed = parseAttachOutput(output);
  if (parsed.hostDataUnreadable)
    return ` (${host} cannot read the zone's boot device: check that it sees every disk of the zone, \`suriadm lookup-mapping <uri>\` on ${host})`;
  if (parsed.hostDataMismatch)
    return ` (the zone's key on ${host} does not open its host data. zmig never re-initializes host data, which would throw away the suspended memory image: carry the key with \`zonecfg -z ${zone} export\` from the source, see solaris-kz(7); only if the suspended state may be lost, \`zoneadm -z ${zone} attach -x initialize-hostdata\` boots it afresh)`;
  if (parsed.inUseByOtherHost)
    return ` (the zone's storage is in use by another host: detach the zone there first; \`-x force-takeover\` only when it is certainly not running there)`;
  return '';
}

/**
 * Whether `attach` still has to run: a configured (detached) or unavailable (a failed attach)
 * zone needs it; installed, ready or running means a previous attempt attached it.
 */
async function needsAttach(host: Host, hostName: string, zone: string): Promise<boolean> {
  const found = await readZone(host, zone);
  if (!found) throw preconditionFailed(`zone ${zone} is not configured on ${hostName}`);
  if (found.state === 'configured' || found.state === 'unavailable') return true;
  if (['installed', 'ready', 'running'].includes(found.state)) return false;
  throw preconditionFailed(`zone ${zone} on ${hostName} is ${found.state}: not attaching it`);
}

/**
 * `zoneadm attach` of a Kernel Zone; already attached: done. Key, storage and in-use refusals say
 * what to do. `expectSuspended`: the zone must show the auxiliary state `suspended` afterwards,
 * else this host cannot read the suspend image and a boot would start the guest afresh.
 */
export async function attachKernelZone(
  pool: HostPool,
  a: ZoneRef & { expectSuspended?: boolean },
): Promise<'installed'> {
  const host = pool.get(a.host);
  if (await needsAttach(host, a.host, a.zone)) {
    const argv = zoneadmAttach(a.zone);
    const res = await zoneadmChange(host, argv);
    if (res.code !== 0 || parseAttachOutput(`${res.stdout}\n${res.stderr}`).result === 'failed')
      throw attachRefused(a, argv, res);
  }
  if (a.expectSuspended) {
    const now = await readAuxiliary(host, a.zone);
    if (now?.state === 'installed' && !isSuspended(now))
      throw preconditionFailed(
        `zone ${a.zone} attached on ${a.host} without the auxiliary state suspended: ${a.host} cannot read its suspend image, and booting it would start the guest afresh (check the suspend resource's storage from ${a.host})`,
      );
  }
  return 'installed';
}

/**
 * The undo of detaching the source: attach it again. When its storage still reads as in use by
 * another host, `-x force-takeover` is used only after proving that host is the target and the
 * target's zone is detached and this migration's own; otherwise the undo stops and says why.
 */
export async function reattachKernelZone(
  pool: HostPool,
  a: { source: string; target: string; zone: string; migrationId: string },
): Promise<'installed'> {
  const host = pool.get(a.source);
  if (!(await needsAttach(host, a.source, a.zone))) return 'installed';
  const argv = zoneadmAttach(a.zone);
  const res = await zoneadmChange(host, argv);
  const output = `${res.stdout}\n${res.stderr}`;
  if (res.code === 0 && parseAttachOutput(output).result !== 'failed') return 'installed';
  if (!parseAttachOutput(output).inUseByOtherHost)
    throw commandFailed({ host: a.source, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  const unsafe = await takeoverUnsafe(pool, a, output);
  if (unsafe)
    throw preconditionFailed(
      `zone ${a.zone} on ${a.source} cannot be attached again: its storage is in use by another host, and ${unsafe}; not forcing a takeover`,
    );
  await zoneadmChangeChecked(host, zoneadmAttach(a.zone, { extended: ['force-takeover'] }));
  return 'installed';
}

/**
 * Why taking the storage over from the target would not be safe, or undefined when it is: the
 * holder named in the in-use text must be the target (by hostid, as host data records it, and by
 * name), and the target must hold this run's configuration, detached.
 */
async function takeoverUnsafe(
  pool: HostPool,
  a: { target: string; zone: string; migrationId: string },
  attachOutput: string,
): Promise<string | undefined> {
  const holderId = /in use by host with\s+hostid\s+(\S+)/.exec(attachOutput)?.[1];
  const holderName = /hostname:\s*(\S+)/.exec(attachOutput)?.[1];
  const target = pool.get(a.target);
  const targetId = (await runChecked(target, ['hostid'])).stdout.trim();
  const targetName = (await runChecked(target, ['hostname'])).stdout.trim();
  if (holderId !== targetId || holderName !== targetName)
    return `the host holding it is ${holderName ?? 'unknown'} (hostid ${holderId ?? 'unknown'}), not ${a.target} (${targetName}, hostid ${targetId})`;
  const onTarget = await readZone(target, a.zone);
  if (!onTarget) return `${a.target} has no configuration of zone ${a.zone} to show that it let the zone go`;
  if (onTarget.state !== 'configured') return `the zone on ${a.target} is ${onTarget.state}, not detached`;
  if ((await markerOnHost(pool, a.target, a.zone)) !== a.migrationId)
    return `the zone configuration on ${a.target} is not this migration's`;
  return undefined;
}

/**
 * `zoneadm attach` of a Kernel Zone whose boot disk went back in time (an LU rollback): its host data
 * is then sealed with an older key, which the zone's current key does not open. Only on that
 * refusal (Oracle's "Encryption key is incorrect", or the write-up's "not available") does it attach
 * again with `-x initialize-hostdata`, which makes a new key and new host data (solaris-kz(7));
 * any other refusal fails the step. Already attached: done.
 */
export async function attachKernelZoneRenewingHostData(
  pool: HostPool,
  a: ZoneRef,
): Promise<{ hostDataInitialized: boolean }> {
  const host = pool.get(a.host);
  if (!(await needsAttach(host, a.host, a.zone))) return { hostDataInitialized: false };
  const argv = zoneadmAttach(a.zone);
  const res = await zoneadmChange(host, argv);
  const parsed = parseAttachOutput(`${res.stdout}\n${res.stderr}`);
  if (res.code === 0 && parsed.result !== 'failed') return { hostDataInitialized: false };
  if (!parsed.hostDataMismatch) throw attachRefused(a, argv, res);
  await zoneadmChangeChecked(host, zoneadmAttach(a.zone, { extended: ['initialize-hostdata'] }));
  return { hostDataInitialized: true };
}

/** A refused Kernel Zone attach, with zoneadm's text and what to do about it. */
function attachRefused(a: ZoneRef, argv: readonly string[], res: ExecResult): ApplicationFailure {
  const output = `${res.stderr.trim() || res.stdout.trim()}`;
  return commandFailed({
    host: a.host,
    command: showCommand(argv),
    exitCode: res.code,
    stderr: `${output}${kernelZoneAttachHint(a.host, a.zone, output)}`,
  });
}
