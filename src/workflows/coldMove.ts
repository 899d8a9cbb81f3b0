import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ColdMovePlan } from '../activities/coldMove/plan';
import { formatBytes } from '../solaris/units';
import { attachesMountedRoot } from '../solaris/zoneBootEnvironments';
import { ZMIG_PHASE } from '../temporal/searchAttributes';
import { parseWorkflowInput } from './parseWorkflowInput';
import { steps as act, undos as undo } from './activityOptions';
import { coldMoveInputSchema, type ColdMoveRequest } from './coldMoveInput';
import { approveCutoverUpdate, progressQuery } from './messages';
import { ProgressTracker, type Phase } from './progress';
import { failureAfterCompensation, Saga } from './saga';
import { snapshotPrefix } from '../migrationNaming';

export const COLD_MOVE_STEPS = [
  { id: 'preflight', title: 'Preflight checks (read-only)' },
  { id: 'configure', title: 'Configure zone on target from source export' },
  { id: 'pre-seed', title: 'Pre-seed: full send while the zone runs' },
  { id: 'converge', title: 'Converge: incremental rounds until the delta is small' },
  { id: 'cutover-gate', title: 'Cutover approval' },
  { id: 'shutdown', title: 'Graceful shutdown of source zone (downtime starts)' },
  { id: 'final-sync', title: 'Final snapshot and incremental send' },
  { id: 'detach-source', title: 'Detach source zone' },
  { id: 'attach-target', title: 'Attach zone on target' },
  { id: 'boot-target', title: 'Boot target zone and verify (point of no return)' },
  { id: 'finalize', title: 'Finalize source, prune snapshots' },
] as const;

export interface ColdMoveResult {
  zone: string;
  source: string;
  target: string;
  downtimeMs: number;
  rounds: number;
  bytesTransferred: number;
  finalized: string[];
  warnings: string[];
}

/**
 * coldMove (docs/procedures.md#coldmove): a native zone to another host with ZFS snapshot pre-seeding, so that the
 * outage lasts one small incremental send, not a full copy.
 */
export async function coldMove(request: ColdMoveRequest): Promise<ColdMoveResult> {
  const input = parseWorkflowInput(coldMoveInputSchema, request);
  const { zone, source, target } = input;
  const migrationId = workflowInfo().runId;
  const snapPrefix = snapshotPrefix(migrationId);
  const progress = new ProgressTracker({ procedure: 'coldMove', zone, source, target }, COLD_MOVE_STEPS);
  const saga = new Saga();
  let approved = false;
  let snapCount = 0;

  setHandler(progressQuery, () => progress.state);
  setHandler(
    approveCutoverUpdate,
    ({ approvedBy }) => {
      approved = true;
      return `cutover of ${zone} approved${approvedBy ? ` by ${approvedBy}` : ''}`;
    },
    {
      validator: (_request: { approvedBy?: string }) => {
        if (!input.cutover.requireApproval) throw new Error('this migration was started without a cutover gate');
        if (progress.state.pointOfNoReturn || progress.step('shutdown').status !== 'pending') throw new Error('cutover already under way');
      },
    },
  );

  const publish = () => setCurrentDetails(progress.toMarkdown());
  const enter = (phase: Phase) => {
    progress.state.phase = phase;
    upsertSearchAttributes([{ key: ZMIG_PHASE, value: phase }]);
    publish();
  };
  const step = async <T>(id: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> => {
    progress.set(id, 'running');
    publish();
    const r = await fn();
    progress.set(id, 'done', detail?.(r));
    publish();
    return r;
  };

  /** One round: recursive snapshot of every dataset, then send each (full, or incremental from the previous round). */
  const syncRound = async (plan: ColdMovePlan): Promise<number> => {
    const from = snapCount > 0 ? `${snapPrefix}${snapCount}` : undefined;
    const to = `${snapPrefix}${++snapCount}`;
    await act.createSnapshots({ host: source, datasets: plan.datasets.map((d) => d.source), snapName: to }, `zfs snapshot -r …@${to} on ${source}`);
    const started = Date.now();
    let bytes = 0;
    for (const d of plan.datasets) {
      const r = await act.transferSnapshot(
        { source, target, dataset: d.source, targetParent: d.targetParent, targetDataset: d.target, fromSnap: from, toSnap: to, migrationId, transport: input.transport, expectedBytes: from ? 0 : d.usedBytes },
        `zfs send ${d.source}@${to} → ${target}, ${from ? 'incremental' : 'full'}`,
      );
      bytes += r.bytes;
    }
    progress.state.rounds.push({ round: snapCount, kind: from ? 'incremental' : 'full', bytes, seconds: (Date.now() - started) / 1000 });
    publish();
    return bytes;
  };

  let plan: ColdMovePlan | undefined;
  let downtimeStart: number;
  try {
    // 1. Read-only preflight: everything that can be checked before touching anything.
    enter('preflight');
    plan = await step('preflight', () => act.preflightColdMove(input), (p) => `${p.datasets.length} dataset(s), ${formatBytes(p.totalBytes)}`);
    const p = plan;
    const sourceDatasets = p.datasets.map((d) => d.source);
    const targetDatasets = p.datasets.map((d) => d.target);

    // 2. Zone configuration on the target, marked as ours.     undo: delete it
    enter('configure');
    saga.push(`delete zone configuration ${zone} on ${target}`, () => undo.deleteTargetZoneConfig({ target, zone, migrationId }));
    await step('configure', () => act.configureTargetZone({ target, zone, config: p.config, migrationId }));

    // 3. Full send while the zone keeps running.                undo: destroy what we received, and our snapshots
    enter('pre-seed');
    saga.push(`destroy zmig snapshots on ${source}`, () => undo.destroyOwnSnapshots({ host: source, datasets: sourceDatasets, prefix: snapPrefix }));
    saga.push(`destroy received datasets on ${target}`, () => undo.destroyReceived({ target, datasets: targetDatasets, migrationId }));
    await step('pre-seed', () => syncRound(p), formatBytes);

    // 4. Incremental rounds until the delta is under the threshold: downtime then depends on the write rate, not the size.
    enter('converge');
    await step('converge', async () => {
      for (let i = 0; i < input.converge.maxRounds; i++) {
        if ((await syncRound(p)) < input.converge.thresholdBytes) break;
      }
      return progress.state.rounds.length - 1;
    }, (n) => `${n} incremental round(s)`);

    // 5. Optional operator gate, re-syncing while it waits.
    if (input.cutover.requireApproval) {
      enter('cutover-gate');
      await step('cutover-gate', async () => {
        const deadline = Date.now() + input.cutover.deadlineSeconds * 1000;
        progress.state.awaitingApproval = { deadline: new Date(deadline).toISOString(), onDeadline: input.cutover.onDeadline };
        publish();
        while (!approved && Date.now() < deadline) {
          const wait = Math.min(deadline - Date.now(), input.cutover.resyncSeconds * 1000);
          if (!(await condition(() => approved, wait)) && Date.now() < deadline) await syncRound(p);
        }
        progress.state.awaitingApproval = undefined;
        if (!approved && input.cutover.onDeadline === 'abort') {
          throw ApplicationFailure.create({ type: 'CutoverNotApproved', message: `no approval within ${input.cutover.deadlineSeconds} s; aborting as configured`, nonRetryable: true });
        }
        return approved ? 'approved' : 'deadline passed, proceeding as configured';
      }, (r) => r);
    } else progress.set('cutover-gate', 'skipped', 'not requested');

    // 6. Graceful shutdown: downtime starts.                     undo: boot the source zone
    enter('cutover');
    downtimeStart = Date.now();
    if (p.sourceState === 'running') {
      saga.push(`boot zone ${zone} on ${source}`, () => undo.bootZone({ host: source, zone, timeoutSeconds: input.bootTimeoutSeconds }));
      await step('shutdown', () => act.shutdownZone({ host: source, zone, timeoutSeconds: input.shutdown.timeoutSeconds, haltFallback: input.shutdown.haltFallback }));
    } else progress.set('shutdown', 'skipped', 'zone was not running');

    // 7. Final incremental: the zone is down, nothing changes any more.
    await step('final-sync', () => syncRound(p), formatBytes);

    // 8. Detach the source.                                      undo: attach it again
    saga.push(`attach zone ${zone} on ${source}`, () => undo.attachZone({ host: source, zone }));
    await step('detach-source', () => act.detachZone({ host: source, zone }));

    // 9. Attach on the target: zonepath mounted, the zone's BE re-parented (docs/procedures.md#boot-environments) and named.   undo: detach it
    saga.push(`detach zone ${zone} on ${target}`, () => undo.detachZone({ host: target, zone }));
    await step('attach-target', async () => {
      const zonepathDs = p.datasets.find((d) => d.role === 'zonepath')!.target;
      await act.mountZonepath({ target, dataset: zonepathDs, zonepath: p.zonepath, migrationId });
      if (attachesMountedRoot(p.brand)) {
        await act.mountZoneRoot({ target, zonepathDataset: zonepathDs, zbe: p.zbe, zonepath: p.zonepath, migrationId });
        return act.attachZone({ host: target, zone, update: input.attachUpdate });
      }
      await act.adoptZoneBootEnvironment({ target, zonepathDataset: zonepathDs, zbe: p.zbe, beUuid: p.targetBeUuid, migrationId });
      return act.attachZone({ host: target, zone, update: input.attachUpdate, zbe: p.zbe });
    });

    // 10. Boot and verify: downtime ends. POINT OF NO RETURN.     undo (until verified): halt it
    saga.push(`halt zone ${zone} on ${target}`, () => undo.haltZone({ host: target, zone }));
    await step('boot-target', () =>
      act.bootZone({ host: target, zone, timeoutSeconds: input.bootTimeoutSeconds, milestone: input.milestone || undefined }),
    );
    progress.state.downtimeMs = Date.now() - downtimeStart;
    progress.state.pointOfNoReturn = true;
    saga.commit();
    publish();
  } catch (err) {
    const failed = progress.currentStep();
    const stepTitle = failed?.title ?? 'unknown';
    if (failed) progress.set(failed.id, 'failed');
    progress.state.error = err instanceof Error ? err.message : String(err);
    enter('rolling-back');
    const report = await saga.compensate((description, status) => {
      const entry = progress.state.undo.find((u) => u.description === description);
      if (entry) entry.status = status;
      else progress.state.undo.push({ description, status });
      publish();
    });
    enter(report.failed.length ? 'failed' : 'rolled-back');
    await condition(allHandlersFinished);
    throw failureAfterCompensation(err, stepTitle, report);
  }

  // 11. Past the point of no return: failures here are reported, never rolled back.
  enter('finalize');
  const done = plan;
  const warnings: string[] = [];
  const finalized: string[] = [];
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      const r = await fn();
      finalized.push(typeof r === 'string' ? r : what);
    } catch (err) {
      warnings.push(`${what}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
    }
  };
  await step('finalize', async () => {
    await attempt('finalize source', () => act.finalizeSource({ source, zone, policy: input.sourcePolicy, datasets: done.datasets.map((d) => d.source) }));
    await attempt('prune snapshots on target', () => act.destroyOwnSnapshots({ host: target, datasets: done.datasets.map((d) => d.target), prefix: snapPrefix }));
    if (input.sourcePolicy !== 'uninstall') {
      await attempt('prune snapshots on source', () => act.destroyOwnSnapshots({ host: source, datasets: done.datasets.map((d) => d.source), prefix: snapPrefix }));
    }
    return warnings.length ? `${warnings.length} warning(s)` : 'clean';
  }, (r) => r);
  enter('done');
  await condition(allHandlersFinished);
  return {
    zone,
    source,
    target,
    downtimeMs: progress.state.downtimeMs ?? 0,
    rounds: progress.state.rounds.length,
    bytesTransferred: progress.state.rounds.reduce((n, r) => n + r.bytes, 0),
    finalized,
    warnings,
  };
}
