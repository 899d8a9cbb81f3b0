import type { ExecOptions, HostPool } from '../../hosts/host';
import { zfsDestroy } from '../../solaris';
import { runChecked } from '../commandRunner';
import { readAllRounds, type CommonRounds, type RoundArgs } from './commonRound';

/**
 * Leaves of this migration's rounds only the latest common one, on both hosts: the older ones are
 * superseded (the next incremental starts from the latest), and a newer one never completed (a
 * cut receive, a crash between snapshot and send) and would make the target refuse the next
 * incremental, whose base must be its most recent snapshot. Each is destroyed recursively, so no
 * dataset of a tree keeps one. Snapshots that are not ours are never touched; a dataset with no
 * common round is left alone. Idempotent: a second run finds nothing to destroy.
 *
 * `opts.signal` is for the clean-up after a cancel, which must not be stopped by that same cancel.
 */
export async function pruneToLatestCommonRound(
  pool: HostPool,
  a: RoundArgs,
  opts: ExecOptions = {},
): Promise<CommonRounds> {
  const { diffs, common } = await readAllRounds(pool, a, opts);
  const source = pool.get(a.source);
  const target = pool.get(a.target);
  let destroyed = 0;
  for (const [i, pair] of a.datasets.entries()) {
    const diff = diffs[i]!;
    const victims = [
      ...[...diff.prunable.target, ...diff.unfinished.target].map((snap) => ({
        host: target,
        snapshot: `${pair.target}@${snap}`,
      })),
      ...[...diff.prunable.source, ...diff.unfinished.source].map((snap) => ({
        host: source,
        snapshot: `${pair.source}@${snap}`,
      })),
    ];
    for (const v of victims) await runChecked(v.host, zfsDestroy(v.snapshot, { recursive: true }), opts);
    destroyed += victims.length;
  }
  // Read again after destroying: the next round number is then the same a second run would give.
  return destroyed ? (await readAllRounds(pool, a, opts)).common : common;
}
