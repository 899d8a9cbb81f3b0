import { propertyOf } from './zfsProps';
import type { ZfsState } from './zfsState';
import type { Dataset } from './zfsTypes';

/**
 * Mount state of the global zone, after libzfs: zfs_mount() mounts what zfs_is_mountable() allows,
 * and property changes go through a changelist (libzfs_changelist.c) that unmounts the affected
 * filesystems before the change and remounts after it those that were mounted.
 */

function prop(zfs: ZfsState, dataset: Dataset, name: string): string {
  return propertyOf(zfs, dataset, name).value;
}

function zoned(zfs: ZfsState, dataset: Dataset): boolean {
  return prop(zfs, dataset, 'zoned') === 'on';
}

/**
 * libzfs_mount.c zfs_is_mountable(): a filesystem whose mountpoint is a path, canmount not `off`
 * (`noauto` mounts when asked explicitly), not zoned (in the global zone).
 */
export function mountable(zfs: ZfsState, dataset: Dataset): boolean {
  const mp = prop(zfs, dataset, 'mountpoint');
  return (
    dataset.type === 'filesystem' &&
    mp.startsWith('/') &&
    prop(zfs, dataset, 'canmount') !== 'off' &&
    !zoned(zfs, dataset)
  );
}

/**
 * Whether `zfs create` mounts a new filesystem: zfs_main.c zfs_do_create mounts it only when
 * canmount is `on`, it is not zoned and the mountpoint is neither none nor legacy.
 */
export function mountsOnCreate(zfs: ZfsState, dataset: Dataset): boolean {
  return mountable(zfs, dataset) && prop(zfs, dataset, 'canmount') === 'on';
}

/**
 * libzfs_changelist.c changelist_gather() for the mountpoint: the dataset itself and the
 * filesystems below it whose mountpoint is default or inherited; a child with its own mountpoint
 * (local or received) and everything under it are left out (change_one()).
 */
export function mountChangelist(zfs: ZfsState, dataset: Dataset): Dataset[] {
  const list = [dataset];
  const walk = (parent: Dataset): void => {
    for (const child of zfs.children(parent.name)) {
      if (child.type !== 'filesystem') continue;
      const source = propertyOf(zfs, child, 'mountpoint').source;
      if (source !== 'default' && !source.startsWith('inherited')) continue;
      list.push(child);
      walk(child);
    }
  };
  if (dataset.type === 'filesystem') walk(dataset);
  return list;
}

/**
 * Runs a change of mountpoint, canmount or zoned the way zfs_prop_set() does: changelist_prefix()
 * unmounts the listed filesystems (zoned ones are left alone), the change happens, and
 * changelist_postfix() mounts again those that were mounted, or all with canmount=on when the old
 * mountpoint was legacy/none. zfs_mount() of a filesystem that is no longer mountable does nothing.
 * `zoned` gathers all children (cl_allchildren). Only canmount=off on a mounted filesystem goes
 * through the changelist ("We only use the changelist logic to unmount when setting canmount=off").
 */
export function changeMountProperty(
  zfs: ZfsState,
  dataset: Dataset,
  name: string,
  value: string | undefined,
  change: () => void,
): void {
  const relevant =
    dataset.type === 'filesystem' &&
    (name === 'mountpoint' || name === 'zoned' || (name === 'canmount' && value === 'off' && dataset.mounted));
  if (!relevant) {
    change();
    return;
  }
  const nodes =
    name === 'zoned' ? zfs.tree(dataset.name).filter((d) => d.type === 'filesystem') : mountChangelist(zfs, dataset);
  const oldMountpoint = prop(zfs, dataset, 'mountpoint');
  const wasLegacy =
    name === 'mountpoint' &&
    (oldMountpoint === 'legacy' || oldMountpoint === 'none') &&
    prop(zfs, dataset, 'canmount') !== 'noauto';
  const before = nodes.map((d) => ({ d, mounted: d.mounted, zoned: zoned(zfs, d) }));
  for (const node of before) if (!node.zoned) node.d.mounted = false;
  change();
  for (const node of before) {
    if (node.zoned) continue;
    if (node.mounted || (wasLegacy && prop(zfs, node.d, 'canmount') === 'on')) node.d.mounted = mountable(zfs, node.d);
  }
}

/**
 * After a successful `zfs receive` without -u: libzfs_sendrecv.c zfs_receive() gathers the
 * mountpoint changelist of the top received filesystem with CL_GATHER_MOUNT_ALWAYS and
 * changelist_postfix() mounts every mountable one ("mount and share received datasets").
 */
export function mountReceived(zfs: ZfsState, top: Dataset): void {
  for (const d of mountChangelist(zfs, top)) if (!d.mounted && mountable(zfs, d)) d.mounted = true;
}
