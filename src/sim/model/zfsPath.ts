import { isMounted, propertyOf } from './zfsProps';
import type { ZfsState } from './zfsState';
import type { Dataset } from './zfsTypes';

/** Mounts of a Solaris global zone that are not ZFS (inferred: the default vfstab mounts proc and tmpfs). */
const NOT_ZFS = ['/proc', '/tmp', '/system/volatile'];

function within(path: string, mountpoint: string): boolean {
  return path === mountpoint || path.startsWith(mountpoint === '/' ? '/' : `${mountpoint}/`);
}

/**
 * The filesystem holding `path`: libzfs zfs_path_to_zhandle stats the path and takes the mnttab
 * entry of its device, i.e. the mounted filesystem with the longest mountpoint containing it
 * (observed on zfs-fuse 0.7, an unmounted dataset's own mountpoint resolves to its parent).
 * Undefined when no mounted ZFS filesystem holds it ("not a ZFS filesystem").
 */
export function filesystemAtPath(zfs: ZfsState, path: string): Dataset | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (NOT_ZFS.some((m) => within(normalized, m))) return undefined;
  let best: { dataset: Dataset; length: number } | undefined;
  for (const dataset of zfs.datasets.values()) {
    if (!isMounted(dataset)) continue;
    const mountpoint = propertyOf(zfs, dataset, 'mountpoint').value;
    if (!mountpoint.startsWith('/') || !within(normalized, mountpoint)) continue;
    // Of two filesystems mounted on one directory, the later mount hides the earlier (inferred: mnttab order).
    if (!best || mountpoint.length >= best.length) best = { dataset, length: mountpoint.length };
  }
  return best?.dataset;
}
