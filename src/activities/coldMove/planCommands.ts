import type { HostPool } from '../../hosts/host';
import {
  attachesMountedRoot,
  zbeRoot,
  ZBE_PARENT_PROP,
  zfsDestroy,
  zfsMount,
  zfsSet,
  zfsReceive,
  zfsSend,
  zfsSnapshot,
  zloginInit,
  zoneadmAttach,
  zoneadmBoot,
  zoneadmDetach,
  zoneadmHalt,
  zonecfgDelete,
  zonecfgImport,
  zonecfgSet,
} from '../../solaris';
import type { ColdMoveInput } from '../../contracts/coldMove/input';
import type { ColdMovePlan } from '../../contracts/coldMove/plan';
import type { PlannedCommand } from '../../contracts/plannedCommand';
import type { ColdMoveStepId } from '../../contracts/coldMove/steps';
import { showCommand } from '../commandRunner';
import { OWNER_PROPERTY, STREAMED_PROPERTY } from '../zfs/datasetFacts';
import { receiveTakesOptions } from '../zfs/receiveOptionsProbe';

/**
 * The exact commands each mutating step would run, built with the same builders the activities
 * use, in the order the run issues them, for `zmig plan`. Snapshot names carry a prefix made from
 * the plan's own run id (the migration will have another: only the shape is the same); the
 * converge round stands for each of its rounds (up to `maxRounds`, none when that is 0), the gate's
 * round for each re-sync while it waits, the round after them for the final sync. The target's `zfs receive -o` is probed as the run probes
 * it, so the receive and marking commands are the ones the run issues on that release. Steps are the
 * step table's ids; `when` marks a command the run issues only when it finds the condition
 * (test/e2e/coldMove-planEqualsRun.test.ts compares plan and run).
 */
export async function planCommands(
  pool: HostPool,
  a: { input: ColdMoveInput; plan: ColdMovePlan; migrationId: string; snapPrefix: string },
): Promise<PlannedCommand[]> {
  const { input, plan } = a;
  const src = pool.get(input.source);
  const dst = pool.get(input.target);
  const out: PlannedCommand[] = [];
  const add = (
    step: ColdMoveStepId,
    host: string,
    argv: readonly string[],
    more: { stdinFrom?: string; when?: string } = {},
  ) =>
    out.push({
      step,
      host,
      command: more.stdinFrom ? `${showCommand(argv)} < ${more.stdinFrom}` : showCommand(argv),
      ...(more.when && { when: more.when }),
    });
  const snap = (n: number) => `${a.snapPrefix}${n}`;
  const receiveArgv = (parent: string, marked: boolean) =>
    zfsReceive(dst.dialect, {
      parent,
      noMount: true,
      ...(marked && { setProps: { [OWNER_PROPERTY]: a.migrationId } }),
    });
  // The same read-only probe (`zfs receive -n`, empty input) the transfer asks before its first
  // stream, remembered per host, so plan and run agree on whether the marker rides on the receive.
  const withMarker = await receiveTakesOptions(dst, receiveArgv(plan.datasets[0]!.targetParent, true));
  const round = (step: ColdMoveStepId, from: string | undefined, to: string, when?: string) => {
    // Each command of a conditional round carries the round's condition too.
    const both = (also?: string) => [when, also].filter(Boolean).join(', and ') || undefined;
    const addHere = (host: string, argv: readonly string[], also?: string) =>
      add(step, host, argv, { when: both(also) });
    for (const d of plan.datasets) addHere(input.source, zfsSnapshot(`${d.source}@${to}`, { recursive: true }));
    for (const d of plan.datasets) {
      const send = zfsSend(src.dialect, { snapshot: `${d.source}@${to}`, fromSnap: from, recursive: true });
      const recv = receiveArgv(d.targetParent, withMarker);
      out.push({
        step,
        host: `${input.source} → ${input.target}`,
        command: `${showCommand(send)} | ${showCommand(recv)}`,
        ...(when && { when }),
      });
      // Without `receive -o` the first round's receive leaves the marker to a `zfs set` right after it.
      if (!from && !withMarker) addHere(input.target, zfsSet(d.target, OWNER_PROPERTY, a.migrationId));
      if (input.transport === 'relay')
        addHere(
          input.target,
          zfsSet(`${d.target}@${to}`, STREAMED_PROPERTY, 'BYTES'),
          'the host has no written property',
        );
    }
    // Once a round has landed, its predecessor is no base any more, on either host.
    if (from) {
      for (const d of plan.datasets) {
        addHere(input.target, zfsDestroy(`${d.target}@${from}`, { recursive: true }));
        addHere(input.source, zfsDestroy(`${d.source}@${from}`, { recursive: true }));
      }
    }
  };

  add('configure', input.target, zonecfgImport(input.zone), {
    stdinFrom: 'the zmig marker, then the source zonecfg export (read back and compared)',
  });
  let rounds = 1;
  round('pre-seed', undefined, snap(rounds));
  // With `maxRounds` 0 the run takes no converge round, and the final sync follows the pre-seed.
  if (input.converge.maxRounds > 0) round('converge', snap(rounds), snap(++rounds));
  // The gate re-syncs the same way while it waits: as many rounds as the wait lasts.
  if (input.cutover.requireApproval)
    round(
      'cutover-gate',
      snap(rounds),
      snap(++rounds),
      `every ${input.cutover.resyncSeconds} s until \`zmig approve\` (${input.cutover.onDeadline} after ${input.cutover.deadlineSeconds} s)`,
    );
  const beforeFinal = snap(rounds);
  const last = snap(rounds + 1);
  if (plan.sourceState === 'running') {
    add('shutdown', input.source, zloginInit(input.zone, 5));
    if (input.shutdown.haltFallback)
      add('shutdown', input.source, zoneadmHalt(input.zone), {
        when: `the zone is not installed after ${input.shutdown.timeoutSeconds} s`,
      });
  }
  round('final-sync', beforeFinal, last);
  add('detach-source', input.source, zoneadmDetach(input.zone, {}));
  const zonepathDs = plan.datasets.find((d) => d.role === 'zonepath')!.target;
  add('attach-target', input.target, zfsSet(zonepathDs, 'mountpoint', plan.zonepath), {
    when: 'its mountpoint differs',
  });
  add('attach-target', input.target, zfsMount(zonepathDs));
  const zbe = `${zbeRoot(zonepathDs, dst.dialect)}/${plan.zbe}`;
  if (attachesMountedRoot(plan.brand)) {
    add('attach-target', input.target, zfsSet(zbe, 'zoned', 'off'), { when: 'it is on' });
    add('attach-target', input.target, zfsSet(zbe, 'canmount', 'on'), { when: 'it is not' });
    add('attach-target', input.target, zfsSet(zbe, 'mountpoint', `${plan.zonepath}/root`), { when: 'it differs' });
    add('attach-target', input.target, zfsMount(zbe));
    add('attach-target', input.target, zoneadmAttach(input.zone, { update: input.attachUpdate }));
  } else {
    add('attach-target', input.target, zfsSet(zbe, ZBE_PARENT_PROP, plan.targetBeUuid));
    add('attach-target', input.target, zoneadmAttach(input.zone, { update: input.attachUpdate, zbe: plan.zbe }));
  }
  add('boot-target', input.target, zoneadmBoot(input.zone));
  if (input.sourcePolicy === 'autoboot-off') add('finalize', input.source, zonecfgSet(input.zone, 'autoboot', 'false'));
  if (input.sourcePolicy === 'uninstall') {
    add('finalize', input.source, zonecfgDelete(input.zone));
    for (const d of plan.datasets) add('finalize', input.source, zfsDestroy(d.source, { recursive: true }));
  }
  // The last round's snapshot, on both hosts (the source's went with its datasets when uninstalled).
  for (const d of plan.datasets) add('finalize', input.target, zfsDestroy(`${d.target}@${last}`, { recursive: true }));
  if (input.sourcePolicy !== 'uninstall')
    for (const d of plan.datasets)
      add('finalize', input.source, zfsDestroy(`${d.source}@${last}`, { recursive: true }));
  return out;
}
