import type { HostPool } from '../../hosts/host';
import { snapshotPrefix } from '../../contracts/migrationNaming';
import { preconditionFailed } from '../failures';
import type { HostDirectory } from '../hostDirectory';
import type { CommonRounds, DatasetPair, RoundArgs } from './commonRound';
import { pruneToLatestCommonRound } from './pruneRounds';
import { createSnapshots } from './snapshots';
import { transferSnapshot } from './transfer';

export interface ResyncDataset extends DatasetPair {
  /** The target dataset's parent, which `zfs receive -e` is given. */
  targetParent: string;
}

export interface ResyncRoundArgs extends RoundArgs {
  datasets: ResyncDataset[];
  transport: 'relay' | 'direct';
}

/**
 * One re-sync round: a recursive snapshot of every source dataset, each sent incrementally from
 * its latest common round, then everything older pruned on both sides. A dataset holds two of our
 * snapshots per side from the snapshot until the prune, one otherwise. `onSent` hears each
 * dataset's bytes as it lands. Returns the rounds after the prune (this one, where all arrived).
 */
export async function resyncRound(
  pool: HostPool,
  directory: HostDirectory,
  a: ResyncRoundArgs,
  common: CommonRounds,
  onSent: (bytes: number) => void,
): Promise<CommonRounds> {
  const missing = common.datasets.filter((d) => d.round === undefined).map((d) => d.source);
  if (missing.length)
    throw preconditionFailed(
      `no round of this migration is complete on both ${a.source} and ${a.target}; re-sync needs the pre-seed`,
      missing,
    );
  const prefix = snapshotPrefix(a.migrationId);
  const to = `${prefix}${common.nextRound}`;
  await createSnapshots(pool, { host: a.source, datasets: a.datasets.map((d) => d.source), snapName: to });
  for (const [i, d] of a.datasets.entries()) {
    const sent = await transferSnapshot(pool, directory, {
      source: a.source,
      target: a.target,
      dataset: d.source,
      targetParent: d.targetParent,
      targetDataset: d.target,
      fromSnap: `${prefix}${common.datasets[i]!.round}`,
      toSnap: to,
      migrationId: a.migrationId,
      transport: a.transport,
      expectedBytes: 0,
    });
    onSent(sent.bytes);
  }
  return pruneToLatestCommonRound(pool, a);
}
