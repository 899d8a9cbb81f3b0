import { Context, log, sleep } from '@temporalio/activity';
import type { HostPool } from '../../hosts/host';
import {
  classifyZoneadmError,
  parseAttachOutput,
  parseSvcsState,
  svcsState,
  zloginInit,
  zloginRun,
  zoneadmAttach,
  zoneadmBoot,
  zoneadmDetach,
  zoneadmHalt,
  type ZoneState,
} from '../../solaris';
import { ApplicationFailure } from '@temporalio/common';
import type { ExecResult, Host } from '../../hosts/host';
import { run, runToCompletion, showCommand } from '../commandRunner';
import { commandFailed, isPrivilegeRefusal, preconditionFailed } from '../failures';
import { capText } from '../failureText';
import { reportProgress } from '../heartbeat';
import { readZoneState } from './zoneFacts';
import { FailureType } from '../../contracts/failureTypes';

export interface ZoneRef {
  host: string;
  zone: string;
}

export const POLL_MS = 250;

/** Longest wait for `zlogin Z init 5` to return before polling the state regardless. */
const ZLOGIN_INIT_LIMIT_SECONDS = 60;

/**
 * A zoneadm command that changes the zone, run to completion. Another zoneadm holding the zone's
 * lock (typically this step's own earlier attempt, still running after its worker died) is a
 * retryable `ZoneBusy`: the retry then finds the state that command left.
 */
export async function zoneadmChange(host: Host, argv: readonly string[]): Promise<ExecResult> {
  const res = await runToCompletion(host, argv);
  if (res.code !== 0 && classifyZoneadmError(res.stderr) === 'busy') {
    throw ApplicationFailure.create({
      type: FailureType.ZoneBusy,
      message: `${host.name}: \`${showCommand(argv)}\`: ${res.stderr.trim()}`,
      nonRetryable: false,
    });
  }
  return res;
}

export async function zoneadmChangeChecked(host: Host, argv: readonly string[]): Promise<ExecResult> {
  const res = await zoneadmChange(host, argv);
  if (res.code !== 0)
    throw commandFailed({ host: host.name, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  return res;
}

async function requireState(pool: HostPool, z: ZoneRef): Promise<ZoneState> {
  const state = await readZoneState(pool.get(z.host), z.zone);
  if (!state) throw preconditionFailed(`zone ${z.zone} is not configured on ${z.host}`);
  return state;
}

/**
 * Polls the zone's state until `done` says so or the timeout passes; the state goes into the
 * heartbeat details. Waiting happens here, not in workflow timers (history stays small).
 */
export async function waitForState(
  pool: HostPool,
  z: ZoneRef,
  done: (s: ZoneState | undefined) => boolean,
  timeoutMs: number,
): Promise<ZoneState | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readZoneState(pool.get(z.host), z.zone);
    reportProgress({ zone: z.zone, state });
    if (done(state)) return state;
    if (Date.now() >= deadline) return state;
    await sleep(POLL_MS);
  }
}

/**
 * Graceful shutdown as the cold-move write-up insists (docs/procedures.md#coldmove: `zlogin Z init 5`, not `halt`), waiting for `installed`;
 * `zoneadm halt` only after the timeout and only when allowed. Already installed: done.
 */
export async function shutdownZone(
  pool: HostPool,
  a: ZoneRef & { timeoutSeconds: number; haltFallback: boolean },
): Promise<'installed'> {
  const host = pool.get(a.host);
  const state = await requireState(pool, a);
  if (state === 'installed') return 'installed';
  if (state === 'running') {
    // zlogin's own exit code is unreliable while the zone goes down; the state poll is the truth.
    // `init 5` returns at once; one that hangs in the zone is cut off, so the wait (and the halt
    // fallback) still follow. The step's own cancel still stops it as a cancel.
    const step = Context.current().cancellationSignal;
    const hung = AbortSignal.timeout(Math.min(a.timeoutSeconds, ZLOGIN_INIT_LIMIT_SECONDS) * 1000);
    const argv = zloginInit(a.zone, 5);
    const res = await run(host, argv, { signal: AbortSignal.any([step, hung]) }).catch((err: unknown) => {
      if (step.aborted || !hung.aborted) throw err;
      return undefined;
    });
    // zlogin never ran: waiting for a shutdown that cannot come would only hide why.
    if (res && isPrivilegeRefusal(res.stderr))
      throw commandFailed({ host: a.host, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  }
  const reached = await waitForState(pool, a, (s) => s === 'installed', a.timeoutSeconds * 1000);
  if (reached === 'installed') return 'installed';
  if (!a.haltFallback) {
    throw preconditionFailed(
      `zone ${a.zone} on ${a.host} did not shut down within ${a.timeoutSeconds} s (still ${reached}); halt fallback not allowed`,
    );
  }
  log.warn('graceful shutdown timed out; halting', { zone: a.zone, host: a.host });
  await zoneadmChangeChecked(host, zoneadmHalt(a.zone));
  const halted = await waitForState(pool, a, (s) => s === 'installed', 60_000);
  if (halted !== 'installed')
    throw preconditionFailed(`zone ${a.zone} on ${a.host} still ${halted} after zoneadm halt`);
  return 'installed';
}

/** `zoneadm boot`; already running is fine. Waits for `running` and, when given, an SMF milestone. */
export async function bootZone(
  pool: HostPool,
  a: ZoneRef & { timeoutSeconds: number; milestone?: string },
): Promise<'running'> {
  const host = pool.get(a.host);
  const before = await requireState(pool, a);
  if (before !== 'running') await zoneadmChangeChecked(host, zoneadmBoot(a.zone));
  const state = await waitForState(pool, a, (s) => s === 'running', a.timeoutSeconds * 1000);
  if (state !== 'running')
    throw preconditionFailed(`zone ${a.zone} on ${a.host} is ${state}, not running, ${a.timeoutSeconds} s after boot`);
  if (a.milestone) await waitForMilestone(pool, a, a.milestone, a.timeoutSeconds * 1000);
  return 'running';
}

async function waitForMilestone(pool: HostPool, z: ZoneRef, milestone: string, timeoutMs: number): Promise<void> {
  const argv = zloginRun(z.zone, svcsState(milestone));
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    const res = await run(pool.get(z.host), argv);
    // The zone's root controls what svcs prints: a heartbeat carries a bounded piece of it.
    last = res.code === 0 ? parseSvcsState(res.stdout) : capText(res.stderr.trim());
    reportProgress({ zone: z.zone, milestone, state: last });
    if (last === 'online') return;
    if (Date.now() >= deadline)
      throw preconditionFailed(`${milestone} in zone ${z.zone} on ${z.host} is ${last}, not online`);
    await sleep(POLL_MS);
  }
}

/** `zoneadm halt`, for undoing a boot. Not running: done. */
export async function haltZone(pool: HostPool, a: ZoneRef): Promise<ZoneState | 'absent'> {
  const state = await readZoneState(pool.get(a.host), a.zone);
  if (state === undefined || state === 'installed' || state === 'configured') return state ?? 'absent';
  await zoneadmChangeChecked(pool.get(a.host), zoneadmHalt(a.zone));
  await waitForState(pool, a, (s) => s === 'installed', 60_000);
  return 'installed';
}

/** `zoneadm detach`; already detached (configured) or absent: done. */
export async function detachZone(pool: HostPool, a: ZoneRef): Promise<'configured' | 'absent'> {
  const state = await readZoneState(pool.get(a.host), a.zone);
  if (state === undefined) return 'absent';
  if (state !== 'configured') await zoneadmChangeChecked(pool.get(a.host), zoneadmDetach(a.zone));
  return 'configured';
}

/**
 * `zoneadm attach [-u] [-x …]`; already installed: done. Attach output is parsed so that a
 * "packages out of sync" refusal names the fix instead of dumping the log.
 */
export async function attachZone(
  pool: HostPool,
  a: ZoneRef & { update?: boolean; zbe?: string; extended?: string[] },
): Promise<'installed'> {
  const host = pool.get(a.host);
  const state = await requireState(pool, a);
  if (state !== 'configured') return 'installed';
  const argv = zoneadmAttach(a.zone, { update: a.update, zbe: a.zbe, extended: a.extended });
  const res = await zoneadmChange(host, argv);
  const parsed = parseAttachOutput(`${res.stdout}\n${res.stderr}`);
  if (res.code !== 0 || parsed.result === 'failed') {
    const hint = parsed.needsUpdate ? ' (packages out of sync: retry with attach update, `--attach-update`)' : '';
    throw commandFailed({
      host: a.host,
      command: showCommand(argv),
      exitCode: res.code,
      stderr: `${res.stderr.trim() || res.stdout.trim()}${hint}`,
    });
  }
  // The zone BE was re-parented so that attach uses it in place; a clone means that did not hold,
  // and the zone would run on a copy while the moved BE stays behind as an orphan.
  if (a.zbe !== undefined && parsed.clonedZbe !== undefined) {
    throw preconditionFailed(
      `zoneadm attach on ${a.host} used a clone of zone boot environment ${parsed.clonedZbe}, not ${a.zbe} in place (its parentbe is not the running boot environment)`,
    );
  }
  return 'installed';
}
