import { splitSnapshot } from '../../model/zfsState';
import type { Invocation } from '../../shell/invocation';
import { has, type Options } from '../getopt';
import { zfsError, zfsSubcommand, zfsUsage } from './common';

/**
 * `zfs hold [-r] tag snapshot…` and `zfs release [-r] tag snapshot…`: user holds, which keep a
 * snapshot from being destroyed. Messages observed on zfs-fuse 0.7 (test/realLab); -r takes the
 * same-named snapshot of every descendant.
 */
function holdOrRelease(inv: Invocation, o: Options, usage: string, hold: boolean): number {
  const [tag, ...targets] = o.operands;
  if (tag === undefined || targets.length === 0) return zfsUsage(inv, 'missing arguments', usage);
  const { zfs } = inv.host;
  let status = 0;
  for (const target of targets) {
    const [fs, snap] = splitSnapshot(target);
    const owner = zfs.get(fs);
    if (!owner) {
      status = zfsError(inv, `cannot open '${fs}': dataset does not exist`);
      continue;
    }
    const snapshots = (has(o, 'r') ? zfs.tree(fs) : [owner]).flatMap((d) =>
      d.snapshots.filter((s) => s.name === snap).map((s) => ({ name: `${d.name}@${s.name}`, snapshot: s })),
    );
    if (hold && snapshots.length === 0) {
      status = zfsError(inv, `cannot hold '${target}': dataset does not exist`);
      continue;
    }
    // One ioctl for all of them: the first conflict is reported and nothing changes (observed on zfs-fuse 0.7).
    const conflict = snapshots.find(({ snapshot }) => (snapshot.holds?.has(tag) ?? false) === hold);
    if (conflict) {
      status = zfsError(
        inv,
        hold
          ? `cannot hold '${conflict.name}': tag already exists on this dataset`
          : `cannot release '${tag}' from '${conflict.name}': no such tag on this dataset`,
      );
      continue;
    }
    for (const { snapshot } of snapshots) {
      const holds = (snapshot.holds ??= new Set());
      if (hold) holds.add(tag);
      else holds.delete(tag);
    }
  }
  return status;
}

export const zfsHold = zfsSubcommand({ usage: 'hold [-r] <tag> <snapshot> ...', options: 'r' }, (inv, o, usage) =>
  holdOrRelease(inv, o, usage, true),
);
export const zfsRelease = zfsSubcommand({ usage: 'release [-r] <tag> <snapshot> ...', options: 'r' }, (inv, o, usage) =>
  holdOrRelease(inv, o, usage, false),
);
