import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';
import { createLu, deleteLu, importLu, onlineOfflineLu } from './stmfadmLu';
import { listLu } from './stmfadmList';
import { addView, listView, removeView } from './stmfadmViews';
import { stmfError } from './stmfCommon';

const SUBCOMMANDS: Record<string, CommandHandler> = {
  'create-lu': createLu,
  'import-lu': importLu,
  'delete-lu': deleteLu,
  'list-lu': listLu,
  'add-view': addView,
  'remove-view': removeView,
  'list-view': listView,
  'online-lu': onlineOfflineLu(true),
  'offline-lu': onlineOfflineLu(false),
};

/**
 * stmfadm(8), the LU and view subcommands (Solaris 11.0 usr/src/cmd/stmfadm/stmfadm.c). Every
 * subcommand works on the kernel's and SMF's COMSTAR state whether or not svc:/system/stmf is online
 * (libstmf initializeConfig loads the configuration on demand); only online-lu refuses while it is
 * offline. The usage texts of cmdparse are not modelled (inferred wording).
 */
export const stmfadm: CommandHandler = async (inv) => {
  const [sub, ...args] = inv.args;
  const handler = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!handler) {
    if (sub === undefined) print(inv.io.stderr, 'stmfadm: no subcommand specified\n');
    else stmfError(inv, `${sub}: unknown subcommand`);
    return 1;
  }
  return handler({ ...inv, args });
};
