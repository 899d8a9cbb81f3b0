import { splitSnapshot } from '../../model/zfsState';
import { has } from '../getopt';
import { isBusy, soleOperand, zfsError, zfsSubcommand, type ZfsSyntax } from './common';

const SYNTAX: ZfsSyntax = {
  usage: 'destroy [-rRf] <filesystem|volume>\n\tdestroy [-rRd] <snapshot>',
  options: 'rRfdn',
};

/** `zfs destroy [-rRf] fs|vol|fs@snap` with libzfs's errors (zfs_main.c zfs_do_destroy; observed on zfs-fuse). */
export const zfsDestroy = zfsSubcommand(SYNTAX, (inv, o, usage) => {
  const target = soleOperand(inv, o, usage, 'dataset');
  if (typeof target === 'number') return target;
  const recursive = has(o, 'r') || has(o, 'R');
  const { zfs } = inv.host;
  const [fs, snap] = splitSnapshot(target);
  if (snap !== undefined) {
    const owner = zfs.get(fs);
    if (!owner) return zfsError(inv, `cannot open '${fs}': dataset does not exist`);
    const victims = (recursive ? zfs.tree(fs) : [owner]).filter((d) => d.snapshots.some((s) => s.name === snap));
    // zfs-fuse opens a named snapshot first (observed on zfs-fuse 0.7).
    if (victims.length === 0 && !recursive && inv.host.release.zfs.destroyOpensSnapshot) {
      return zfsError(inv, `cannot open '${target}': dataset does not exist`);
    }
    if (victims.length === 0) return zfsError(inv, 'could not find any snapshots to destroy; check snapshot names.');
    // A user hold keeps a snapshot (observed on zfs-fuse 0.7: EBUSY from the destroy ioctl).
    const held = victims.find((d) => d.snapshots.some((s) => s.name === snap && (s.holds?.size ?? 0) > 0));
    if (held) return zfsError(inv, `cannot destroy '${held.name}@${snap}': dataset is busy`);
    for (const d of victims) d.snapshots = d.snapshots.filter((s) => s.name !== snap);
    return 0;
  }
  const dataset = zfs.get(fs);
  if (!dataset) return zfsError(inv, `cannot open '${fs}': dataset does not exist`);
  if (!fs.includes('/')) {
    return zfsError(
      inv,
      `cannot destroy '${fs}': operation does not apply to pools\nuse 'zfs destroy -r ${fs}' to destroy all datasets in the pool\nuse 'zpool destroy ${fs}' to destroy the pool itself`,
    );
  }
  const tree = zfs.tree(fs);
  // Listed deepest first, each filesystem after its children and snapshots, a filesystem's own
  // snapshots last (observed on zfs-fuse 0.7; libzfs zfs_iter_dependents() walks them post-order).
  const dependentsOf = (name: string): string[] => [
    ...zfs.children(name).flatMap((child) => [...dependentsOf(child.name), child.name]),
    ...(zfs.get(name)?.snapshots ?? []).map((s) => `${name}@${s.name}`),
  ];
  const dependents = dependentsOf(fs);
  if (!recursive && dependents.length > 0) {
    const what = dataset.type === 'volume' ? 'volume' : 'filesystem';
    return zfsError(
      inv,
      `cannot destroy '${fs}': ${what} has children\nuse '-r' to destroy the following datasets:\n${dependents.join('\n')}`,
    );
  }
  // Held snapshots stop a recursive destroy, the first one found deepest first (observed on zfs-fuse 0.7).
  const held = dependents.find((name) => {
    const [owner, snap] = splitSnapshot(name);
    return snap !== undefined && (zfs.get(owner)?.snapshots.find((s) => s.name === snap)?.holds?.size ?? 0) > 0;
  });
  if (held) return zfsError(inv, `cannot destroy '${held}': dataset is busy`);
  const busy = tree.find((d) => isBusy(inv, d.name));
  if (busy) return zfsError(inv, `cannot destroy '${busy.name}': dataset is busy`);
  for (const d of tree.reverse()) zfs.remove(d.name);
  return 0;
});
