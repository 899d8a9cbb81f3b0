import type { ExecOptions, Host, HostPool } from '../../hosts/host';
import { snapshotPrefix } from '../../contracts/migrationNaming';
import { requireDatasetNames } from '../activityInput';
import { treeSnapshots } from './datasetFacts';
import { diffRounds, roundOf, type RoundDiff } from './roundDiff';

export interface DatasetPair {
  /** The source dataset (the top of a tree sent recursively). */
  source: string;
  /** Where it is received on the target. */
  target: string;
}

export interface RoundArgs {
  source: string;
  target: string;
  datasets: DatasetPair[];
  migrationId: string;
}

export interface CommonRounds {
  /** Per dataset, in the order given: the newest round complete on both sides (none before the pre-seed landed). */
  datasets: (DatasetPair & { round: number | undefined })[];
  /** The next round's number, one for all datasets: a round is one recursive snapshot name. */
  nextRound: number;
}

/**
 * Both sides' rounds of one dataset tree (the source's from its top, where every recursive
 * snapshot starts). A round counts on the target only when as many datasets of its tree have it as
 * on the source: a cut recursive receive keeps the datasets it finished, and an incremental from
 * such a round would fail on the ones it did not.
 */
async function readRounds(
  source: Host,
  target: Host,
  pair: DatasetPair,
  prefix: string,
  opts: ExecOptions = {},
): Promise<RoundDiff> {
  const src = await treeSnapshots(source, pair.source, opts);
  const tgt = await treeSnapshots(target, pair.target, opts);
  const count = (snaps: typeof src, name: string) => snaps.filter((s) => s.snap === name).length;
  // The target by every name in its tree, not just at its top: a round only some children received must still be found.
  const targetNames = [...new Set(tgt.map((s) => s.snap))];
  const partialOnTarget = targetNames.filter(
    (name) => roundOf(prefix, name) !== undefined && count(tgt, name) < count(src, name),
  );
  const sourceNames = src.filter((s) => s.dataset === pair.source).map((s) => s.snap);
  return diffRounds({ prefix, source: sourceNames, target: targetNames, partialOnTarget });
}

/** The rounds of every dataset, each with its diff, and the one next round number. */
export async function readAllRounds(
  pool: HostPool,
  a: RoundArgs,
  opts: ExecOptions = {},
): Promise<{ diffs: RoundDiff[]; common: CommonRounds }> {
  requireDatasetNames(a.datasets.flatMap((d) => [d.source, d.target]));
  const prefix = snapshotPrefix(a.migrationId);
  const diffs: RoundDiff[] = [];
  for (const pair of a.datasets)
    diffs.push(await readRounds(pool.get(a.source), pool.get(a.target), pair, prefix, opts));
  return {
    diffs,
    common: {
      datasets: a.datasets.map((d, i) => ({ source: d.source, target: d.target, round: diffs[i]!.latestCommon })),
      nextRound: Math.max(1, ...diffs.map((d) => d.nextRound)),
    },
  };
}

/**
 * Read-only: the round each dataset's next incremental starts from, whatever happened to the
 * re-sync loop before (returned, cancelled, crashed mid-round). The final sync asks this instead
 * of trusting a number the workflow carried.
 */
export async function latestCommonRound(pool: HostPool, a: RoundArgs): Promise<CommonRounds> {
  return (await readAllRounds(pool, a)).common;
}
