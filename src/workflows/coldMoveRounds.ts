import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { ColdMoveInput } from '../contracts/coldMove/input';
import type { ColdMovePlan } from '../contracts/coldMove/plan';
import type { ColdMoveDetail } from '../contracts/coldMove/result';
import { steps as act } from './runner/activityOptions';

/** Each round's predecessor is destroyed once the round has landed, not all of them at the end. */
const PRUNE_EACH_ROUND = 'coldmove-prune-each-round';
/** A round's predecessor that will not go is a warning (finalize prunes again), not a rollback. */
const PRUNE_FAILURE_WARNS = 'coldmove-prune-failure-warns';

/**
 * coldMove's replication: numbered rounds of recursive snapshots sent to the target, full then
 * incremental, each one's predecessor pruned once it has landed; and the gate's re-sync loop.
 * Workflow code: the activities it calls are the run's history.
 */
export class ReplicationRounds {
  /** Per source dataset, the round its next incremental starts from: the last one that landed on the target. */
  private readonly base = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly input: ColdMoveInput,
    private readonly migrationId: string,
    private readonly snapPrefix: string,
    private readonly detail: ColdMoveDetail,
    private readonly report: { publish(): void; warn(what: string, err: unknown): void },
  ) {}

  /** One round: recursive snapshot of every dataset, then send each (full, or incremental from its base). */
  async sync(plan: ColdMovePlan): Promise<number> {
    const { source, target } = this.input;
    const round = ++this.count;
    const to = `${this.snapPrefix}${round}`;
    await act.createSnapshots(
      { host: source, datasets: plan.datasets.map((d) => d.source), snapName: to },
      `zfs snapshot -r …@${to} on ${source}`,
    );
    const started = Date.now();
    let bytes = 0;
    for (const d of plan.datasets) {
      const fromRound = this.base.get(d.source);
      const from = fromRound === undefined ? undefined : `${this.snapPrefix}${fromRound}`;
      const r = await act.transferSnapshot(
        {
          source,
          target,
          dataset: d.source,
          targetParent: d.targetParent,
          targetDataset: d.target,
          fromSnap: from,
          toSnap: to,
          migrationId: this.migrationId,
          transport: this.input.transport,
          expectedBytes: from ? 0 : d.usedBytes,
        },
        `zfs send ${d.source}@${to} → ${target}, ${from ? 'incremental' : 'full'}`,
      );
      this.base.set(d.source, round);
      bytes += r.bytes;
    }
    // The new round is on both hosts: the older ones are no base any more (each dataset keeps one of
    // ours per host). Housekeeping: a snapshot that will not go (still busy) is a warning, and finalize tries again.
    if (round > 1 && patched(PRUNE_EACH_ROUND)) {
      const what = `destroy round ${round - 1} snapshots on both hosts`;
      const pruning = act.pruneToLatestCommonRound(this.pairs(plan), what);
      if (patched(PRUNE_FAILURE_WARNS)) await pruning.catch((err: unknown) => this.report.warn(what, err));
      else await pruning;
    }
    this.detail.rounds.push({
      round,
      kind: round === 1 ? 'full' : 'incremental',
      bytes,
      seconds: (Date.now() - started) / 1000,
    });
    this.report.publish();
    return bytes;
  }

  /**
   * The gate's re-sync loop (one heartbeating activity) until approval or the deadline; the
   * approval cancels it, and the hosts then say which round each dataset has on both sides.
   * Returns what the gate's step detail adds: how many rounds it took.
   */
  async resyncUntilApproved(plan: ColdMovePlan, until: string, approved: () => boolean): Promise<string> {
    const pairs = this.pairs(plan);
    const loopScope = new CancellationScope();
    let resynced: { rounds: number; failedRounds?: number } | undefined;
    const loop = loopScope.run(() =>
      act.resyncUntilCancelled(
        { ...pairs, transport: this.input.transport, everySeconds: this.input.cutover.resyncSeconds, until },
        're-sync until the cutover is approved',
      ),
    );
    try {
      await Promise.race([loop, condition(approved)]);
      if (approved()) loopScope.cancel();
      resynced = await loop.catch((err: unknown) => {
        if (!isCancellation(err)) throw err;
        return undefined;
      });
    } catch (err) {
      // Cancelled or failed: the loop's own clean-up finishes before any undo runs.
      await loop.catch(() => undefined);
      throw err;
    }
    const common = await act.pruneToLatestCommonRound(pairs, 'keep only the latest round common to both hosts');
    for (const d of common.datasets) if (d.round !== undefined) this.base.set(d.source, d.round);
    this.count = common.nextRound - 1;
    if (!resynced) return '';
    const failed = resynced.failedRounds ? `, ${resynced.failedRounds} failed and skipped` : '';
    return ` after ${resynced.rounds} re-sync round(s)${failed}`;
  }

  /** The datasets as the replication-round activities take them. */
  private pairs(plan: ColdMovePlan) {
    return {
      source: this.input.source,
      target: this.input.target,
      migrationId: this.migrationId,
      datasets: plan.datasets.map((d) => ({ source: d.source, target: d.target, targetParent: d.targetParent })),
    };
  }
}
