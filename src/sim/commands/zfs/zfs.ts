import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { zfsGet } from './get';
import { zfsHold, zfsRelease } from './holds';
import { zfsList } from './list';
import { zfsMountCmd, zfsUnmount } from './mount';
import { zfsCreate } from './create';
import { zfsDestroy } from './destroy';
import { zfsInherit, zfsSet } from './properties';
import { zfsRollback } from './rollback';
import { zfsSnapshot } from './snapshot';
import { zfsReceive } from './receive';
import { zfsSend } from './send';
import { ZFS_USAGE } from './common';

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
