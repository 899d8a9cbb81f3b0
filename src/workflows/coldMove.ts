import { ApplicationFailure, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { coldMoveInputSchema, type ColdMoveRequest } from '../contracts/coldMove/input';
import type { ColdMovePlan } from '../contracts/coldMove/plan';
import { coldMoveDetailLines, type ColdMoveDetail, type ColdMoveResult } from '../contracts/coldMove/result';
import { COLD_MOVE_STEPS } from '../contracts/coldMove/steps';
import { approveCutoverUpdate } from '../contracts/coldMove/messages';
import { snapshotPrefix } from '../contracts/migrationNaming';
import { formatBytes } from '../solaris/units';
import { attachesMountedRoot } from '../solaris/zoneBootEnvironments';
import { steps as act, undos as undo } from './runner/activityOptions';
import { parseWorkflowInput } from './runner/parseWorkflowInput';
import { ProcedureRun } from './runner/procedureRun';
import { ReplicationRounds } from './coldMoveRounds';
import { zoneMoveIdentity } from '../contracts/identity';
import { FailureType } from '../contracts/failureTypes';

/** The gate re-syncs inside one activity (history and snapshots flat however long it waits): docs/upgrades.md. */
const FLAT_GATE = 'coldmove-flat-gate';

/**
 * coldMove: a native zone to another host with ZFS snapshot pre-seeding, so that the outage lasts
 * one small incremental send, not a full copy (docs/coldMove.md).
 */
export async function coldMove(request: ColdMoveRequest): Promise<ColdMoveResult> {
  const input = parseWorkflowInput(coldMoveInputSchema, request);
  const { zone, source, target } = input;
  const migrationId = workflowInfo().runId;
  const snapPrefix = snapshotPrefix(migrationId);
  const detail: ColdMoveDetail = { rounds: [] };
  const run = new ProcedureRun(zoneMoveIdentity('coldMove', input), COLD_MOVE_STEPS, detail, coldMoveDetailLines);
  let approved = false;

  setHandler(
    approveCutoverUpdate,
    ({ approvedBy }) => {
      approved = true;
      return `cutover of ${zone} approved${approvedBy ? ` by ${approvedBy}` : ''}`;
    },
    {
      validator: (_request: { approvedBy?: string }) => {
        if (!input.cutover.requireApproval) throw new Error('this migration was started without a cutover gate');
        if (run.progress.pointOfNoReturn || run.statusOf('shutdown') !== 'pending')
          throw new Error('cutover already under way');
      },
    },
  );

  const rounds = new ReplicationRounds(input, migrationId, snapPrefix, detail, run);
  const syncRound = (p: ColdMovePlan) => rounds.sync(p);

  let plan: ColdMovePlan;
  try {
    // 1. Read-only preflight: everything that can be checked before touching anything.
    plan = await run.step(
      'preflight',
      () => act.preflightColdMove(input),
      (p) =>
        [
          `${p.datasets.length} dataset(s), ${formatBytes(p.totalBytes)}`,
          ...p.checks.filter((c) => c.startsWith('WARNING:')),
        ].join('; '),
    );
    const p = plan;
    const sourceDatasets = p.datasets.map((d) => d.source);
    const targetDatasets = p.datasets.map((d) => d.target);

    // 2. Zone configuration on the target, marked as ours.
    run.undo(`delete zone configuration ${zone} on ${target}`, () =>
      undo.deleteTargetZoneConfig({ target, zone, migrationId }),
    );
    await run.step('configure', () => act.configureTargetZone({ target, zone, config: p.config, migrationId }));

    // 3. Full send while the zone keeps running.
    run.undo(`destroy zmig snapshots on ${source}`, () =>
      undo.destroyOwnSnapshots({ host: source, datasets: sourceDatasets, prefix: snapPrefix }),
    );
    run.undo(`destroy received datasets on ${target}`, () =>
      undo.destroyReceived({ target, datasets: targetDatasets, migrationId }),
    );
    await run.step('pre-seed', () => syncRound(p), formatBytes);

    // 4. Incremental rounds until the delta is under the threshold: downtime then depends on the write rate, not the size.
    await run.step(
      'converge',
      async () => {
        for (let i = 0; i < input.converge.maxRounds; i++) {
          if ((await syncRound(p)) < input.converge.thresholdBytes) break;
        }
        return detail.rounds.length - 1;
      },
      (n) => `${n} incremental round(s)`,
    );

    // 5. Optional operator gate, re-syncing while it waits.
    if (input.cutover.requireApproval) {
      await run.step(
        'cutover-gate',
        async () => {
          const deadline = Date.now() + input.cutover.deadlineSeconds * 1000;
          detail.awaitingApproval = {
            deadline: new Date(deadline).toISOString(),
            onDeadline: input.cutover.onDeadline,
          };
          run.publish();
          let during = '';
          if (patched(FLAT_GATE)) {
            // The re-sync loop runs inside one activity, so neither history nor snapshots grow with the wait.
            during = await rounds.resyncUntilApproved(p, new Date(deadline).toISOString(), () => approved);
          } else {
            while (!approved && Date.now() < deadline) {
              const wait = Math.min(deadline - Date.now(), input.cutover.resyncSeconds * 1000);
              if (!(await condition(() => approved, wait)) && Date.now() < deadline) await syncRound(p);
            }
          }
          detail.awaitingApproval = undefined;
          if (!approved && input.cutover.onDeadline === 'abort') {
            throw ApplicationFailure.create({
              type: FailureType.CutoverNotApproved,
              message: `no approval within ${input.cutover.deadlineSeconds} s; aborting as configured`,
              nonRetryable: true,
            });
          }
          return approved ? `approved${during}` : `deadline passed${during}, proceeding as configured`;
        },
        (r) => r,
      );
    } else run.skip('cutover-gate', 'not requested');

    // 6. Graceful shutdown: downtime starts.
    const downtimeStart = Date.now();
    if (p.sourceState === 'running') {
      run.undo(`boot zone ${zone} on ${source}`, () =>
        undo.bootZone({ host: source, zone, timeoutSeconds: input.bootTimeoutSeconds }),
      );
      await run.step('shutdown', () =>
        act.shutdownZone({
          host: source,
          zone,
          timeoutSeconds: input.shutdown.timeoutSeconds,
          haltFallback: input.shutdown.haltFallback,
        }),
      );
    } else run.skip('shutdown', 'zone was not running');

    // 7. Final incremental: the zone is down, nothing changes any more.
    await run.step('final-sync', () => syncRound(p), formatBytes);

    // 8. Detach the source.
    run.undo(`attach zone ${zone} on ${source}`, () => undo.attachZone({ host: source, zone }));
    await run.step('detach-source', () => act.detachZone({ host: source, zone }));

    // 9. Attach on the target: zonepath mounted, the zone's BE re-parented (docs/procedures.md#boot-environments) and named.
    run.undo(`detach zone ${zone} on ${target}`, () => undo.detachZone({ host: target, zone }));
    await run.step('attach-target', async () => {
      const zonepathDs = p.datasets.find((d) => d.role === 'zonepath')!.target;
      await act.mountZonepath({ target, dataset: zonepathDs, zonepath: p.zonepath, migrationId });
      if (attachesMountedRoot(p.brand)) {
        await act.mountZoneRoot({ target, zonepathDataset: zonepathDs, zbe: p.zbe, zonepath: p.zonepath, migrationId });
        return act.attachZone({ host: target, zone, update: input.attachUpdate });
      }
      await act.adoptZoneBootEnvironment({
        target,
        zonepathDataset: zonepathDs,
        zbe: p.zbe,
        beUuid: p.targetBeUuid,
        migrationId,
      });
      return act.attachZone({ host: target, zone, update: input.attachUpdate, zbe: p.zbe });
    });

    // 10. Boot and verify: downtime ends. POINT OF NO RETURN.
    run.undo(`halt zone ${zone} on ${target}`, () => undo.haltZone({ host: target, zone }));
    await run.step('boot-target', () =>
      act.bootZone({
        host: target,
        zone,
        timeoutSeconds: input.bootTimeoutSeconds,
        milestone: input.milestone || undefined,
      }),
    );
    detail.downtimeMs = Date.now() - downtimeStart;
    run.pointOfNoReturn();
  } catch (err) {
    throw await run.rollBack(err);
  }

  // 11. Past the point of no return: failures here are reported, never rolled back.
  const done = plan;
  await run.step(
    'finalize',
    async () => {
      await run.bestEffort('finalize source', () =>
        act.finalizeSource({ source, zone, policy: input.sourcePolicy, datasets: done.datasets.map((d) => d.source) }),
      );
      await run.bestEffort('prune snapshots on target', () =>
        act.destroyOwnSnapshots({ host: target, datasets: done.datasets.map((d) => d.target), prefix: snapPrefix }),
      );
      if (input.sourcePolicy !== 'uninstall') {
        await run.bestEffort('prune snapshots on source', () =>
          act.destroyOwnSnapshots({ host: source, datasets: done.datasets.map((d) => d.source), prefix: snapPrefix }),
        );
      }
      const { warnings } = run.bestEffortOutcome;
      return warnings.length ? `${warnings.length} warning(s)` : 'clean';
    },
    (r) => r,
  );
  await run.finish();
  const { finalized, warnings } = run.bestEffortOutcome;
  return {
    zone,
    source,
    target,
    downtimeMs: detail.downtimeMs ?? 0,
    rounds: detail.rounds.length,
    bytesTransferred: detail.rounds.reduce((n, r) => n + r.bytes, 0),
    finalized,
    warnings,
  };
}
