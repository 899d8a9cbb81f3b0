import type { CommandHandler, Invocation } from '../shell/invocation';
import { print } from '../shell/io';
import { zfsGet } from './zfsGet';
import { zfsHold, zfsRelease } from './zfsHolds';
import { zfsList } from './zfsList';
import { zfsMountCmd, zfsUnmount } from './zfsMount';
import { zfsCreate, zfsDestroy, zfsInherit, zfsRollback, zfsSet, zfsSnapshot } from './zfsMutate';
import { zfsReceive } from './zfsReceive';
import { zfsSend } from './zfsSend';
import { ZFS_USAGE } from './zfsCommon';

const SUBCOMMANDS: Record<string, (inv: Invocation) => Promise<number>> = {
  list: zfsList,
  get: zfsGet,
  snapshot: zfsSnapshot,
  snap: zfsSnapshot,
  destroy: zfsDestroy,
  set: zfsSet,
  inherit: zfsInherit,
  rollback: zfsRollback,
  create: zfsCreate,
  hold: zfsHold,
  release: zfsRelease,
  send: zfsSend,
  receive: zfsReceive,
  recv: zfsReceive,
  mount: zfsMountCmd,
  unmount: zfsUnmount,
  // zfs_main.c main(): "umount" is taken as "unmount".
  umount: zfsUnmount,
};

/** zfs(8): one file per subcommand family. */
export const zfs: CommandHandler = async (inv) => {
  const [sub, ...args] = inv.args;
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!run) {
    print(inv.io.stderr, sub === undefined ? ZFS_USAGE : `unrecognized command '${sub}'\n${ZFS_USAGE}`);
    return 2;
  }
  return run({ ...inv, args });
};
