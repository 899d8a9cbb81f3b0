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
export async function pruneToLatestCommonRound(pool: HostPool, a: RoundArgs, opts: ExecOptions = {}): Promise<CommonRounds> {
  const { diffs, common } = await readAllRounds(pool, a, opts);
  const source = pool.get(a.source);
  const target = pool.get(a.target);
  for (const [i, pair] of a.datasets.entries()) {
    const diff = diffs[i]!;
    for (const snap of [...diff.prunable.target, ...diff.unfinished.target]) await runChecked(target, zfsDestroy(`${pair.target}@${snap}`, { recursive: true }), opts);
    for (const snap of [...diff.prunable.source, ...diff.unfinished.source]) await runChecked(source, zfsDestroy(`${pair.source}@${snap}`, { recursive: true }), opts);
  }
  return common;
}
