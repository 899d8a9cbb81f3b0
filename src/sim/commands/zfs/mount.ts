import { mountChangelist, mountable } from '../../model/zfsMount';
import { isMounted, propertyOf } from '../../model/zfsProps';
import type { Dataset } from '../../model/zfsTypes';
import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { has } from '../getopt';
import { isBusy, zfsError, zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';

/**
 * `zfs mount` and `zfs unmount` after zfs_main.c share_mount() / share_mount_one() and
 * unshare_unmount() (Solaris 11.0 source; the illumos messages are the same but name the man page
 * section 8 instead of 1M, inferred from the 2021 move of the pages to section 8).
 */

/** Solaris 11 has -S; illumos does not. */
function mountSyntax(inv: Invocation): ZfsSyntax {
  return inv.host.dialect === 'solaris11'
    ? { usage: 'mount\n\tmount [-vOS] [-o opts] <-a | filesystem>', options: 'avo:OS' }
    : { usage: 'mount\n\tmount [-vO] [-o opts] <-a | filesystem>', options: 'avo:O' };
}

const UNMOUNT_USAGE = 'unmount [-f] <-a | filesystem|mountpoint>';

function manSection(inv: Invocation): string {
  return inv.host.dialect === 'solaris11' ? '1M' : '8';
}

function prop(inv: Invocation, dataset: Dataset, name: string): string {
  return propertyOf(inv.host.zfs, dataset, name).value;
}

/**
 * zfs_open(…, ZFS_TYPE_FILESYSTEM): the filesystem, or the libzfs error for a missing dataset, a
 * volume (EZFS_BADTYPE) or a snapshot name (zfs_validate_name).
 */
function openFilesystem(inv: Invocation, name: string): Dataset | number {
  if (name.includes('@')) return zfsError(inv, `cannot open '${name}': snapshot delimiter '@' in filesystem name`);
  const dataset = inv.host.zfs.get(name);
  if (!dataset) return zfsError(inv, `cannot open '${name}': dataset does not exist`);
  if (dataset.type !== 'filesystem')
    return zfsError(inv, `cannot open '${name}': operation not applicable to datasets of this type`);
  return dataset;
}

/** share_mount_one(): the checks, then zfs_mount(). `explicit` = named on the command line. */
function mountOne(inv: Invocation, dataset: Dataset, explicit: boolean, overlay: boolean): number {
  const { zfs } = inv.host;
  const name = dataset.name;
  if (prop(inv, dataset, 'zoned') === 'on') {
    return explicit ? zfsError(inv, `cannot mount '${name}': dataset is exported to a local zone`) : 0;
  }
  const mountpoint = prop(inv, dataset, 'mountpoint');
  if (mountpoint === 'legacy') {
    return explicit
      ? zfsError(
          inv,
          `cannot mount '${name}': legacy mountpoint\nuse mount(${manSection(inv)}) to mount this filesystem`,
        )
      : 0;
  }
  if (mountpoint === 'none') return explicit ? zfsError(inv, `cannot mount '${name}': no mountpoint set`) : 0;
  const canmount = prop(inv, dataset, 'canmount');
  if (canmount === 'off') {
    return explicit ? zfsError(inv, `cannot mount '${name}': 'canmount' property is set to 'off'`) : 0;
  }
  if (canmount === 'noauto' && !explicit) return 0;
  if (isMounted(dataset)) return explicit ? zfsError(inv, `cannot mount '${name}': filesystem already mounted`) : 0;
  // libzfs_mount.c zfs_mount(): without -O the mountpoint directory must be empty. The simulator
  // counts a directory as non-empty when another filesystem holding data is mounted on it.
  const occupant = zfs.all().find((d) => d !== dataset && isMounted(d) && prop(inv, d, 'mountpoint') === mountpoint);
  if (!overlay && occupant && zfs.referenced(occupant.blocks) > 0) {
    return zfsError(inv, `cannot mount '${mountpoint}': directory is not empty`);
  }
  if (mountable(zfs, dataset)) dataset.mounted = true;
  return 0;
}

/** `zfs mount`: lists ZFS mounts; `-a` mounts every filesystem that may be; `zfs mount fs` mounts one. */
export const zfsMountCmd = zfsSubcommand(mountSyntax, (inv, o, usage) => {
  const { zfs } = inv.host;
  if (has(o, 'a')) {
    if (o.operands.length > 0) return zfsUsage(inv, 'too many arguments', usage);
    let status = 0;
    for (const d of zfs.all()) if (d.type === 'filesystem' && mountOne(inv, d, false, has(o, 'O')) !== 0) status = 1;
    return status;
  }
  if (o.operands.length === 0) {
    if (has(o, 'o')) return zfsUsage(inv, 'missing filesystem argument (specify -a for all)', usage);
    // The mnttab entries of type zfs, printed "%-30s  %s" (special, mount point).
    const lines = zfs
      .all()
      .filter(isMounted)
      .map((d) => `${d.name.padEnd(30)}  ${prop(inv, d, 'mountpoint')}\n`);
    print(inv.io.stdout, lines.join(''));
    return 0;
  }
  if (o.operands.length > 1) return zfsUsage(inv, 'too many arguments', usage);
  const dataset = openFilesystem(inv, o.operands[0] ?? '');
  if (typeof dataset === 'number') return dataset;
  return mountOne(inv, dataset, true, has(o, 'O'));
});

/**
 * zfs_unmountall(): unmounts the filesystem and the mounted ones below it that inherit its
 * mountpoint. A filesystem a running zone uses cannot be unmounted: umount2() fails with EBUSY
 * (strerror "Device busy"; inferred, not observed).
 */
function unmountAll(inv: Invocation, dataset: Dataset, force: boolean): number {
  const list = mountChangelist(inv.host.zfs, dataset).filter(isMounted);
  const busy = force ? undefined : list.find((d) => isBusy(inv, d.name));
  if (busy) return zfsError(inv, `cannot unmount '${prop(inv, busy, 'mountpoint')}': Device busy`);
  for (const d of list) d.mounted = false;
  return 0;
}

/** `zfs unmount|umount [-f] <-a | filesystem|mountpoint>`. */
export const zfsUnmount = zfsSubcommand({ usage: UNMOUNT_USAGE, options: 'af' }, (inv, o, usage) => {
  const { zfs } = inv.host;
  const force = has(o, 'f');
  if (has(o, 'a')) {
    if (o.operands.length > 0) return zfsUsage(inv, 'too many arguments', usage);
    let status = 0;
    for (const d of zfs.all().filter(isMounted).reverse()) {
      if (prop(inv, d, 'canmount') === 'noauto' || prop(inv, d, 'mountpoint') === 'legacy' || !d.mounted) continue;
      if (unmountAll(inv, d, force) !== 0) status = 1;
    }
    return status;
  }
  const [target, extra] = o.operands;
  if (target === undefined || extra !== undefined) {
    return zfsUsage(inv, target === undefined ? 'missing filesystem argument' : 'too many arguments', usage);
  }
  if (target.startsWith('/')) {
    const mounted = zfs.all().find((d) => isMounted(d) && prop(inv, d, 'mountpoint') === target);
    // unshare_unmount_path(): stat() of a path nothing is mounted on (inferred: no such directory).
    if (!mounted) return zfsError(inv, `cannot unmount '${target}': No such file or directory`);
    return unmountAll(inv, mounted, force);
  }
  const dataset = openFilesystem(inv, target);
  if (typeof dataset === 'number') return dataset;
  if (prop(inv, dataset, 'mountpoint') === 'legacy') {
    return zfsError(
      inv,
      `cannot unmount '${target}': legacy mountpoint\nuse umount(${manSection(inv)}) to unmount this filesystem`,
    );
  }
  if (!isMounted(dataset)) return zfsError(inv, `cannot unmount '${target}': not currently mounted`);
  return unmountAll(inv, dataset, force);
});
