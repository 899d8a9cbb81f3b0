import type { CommandHandler } from '../shell/invocation';
import { beadm } from './system/beadm';
import { dladm } from './system/dladm';
import { ssh } from './system/ssh';
import { svcadm, svcs } from './system/svcs';
import { pfexec, rm, sh, sudo, tee } from './system/wrappers';
import { uname } from './system/uname';
import { hostid } from './system/hostid';
import { hostname } from './system/hostname';
import { df } from './storage/df';
import { iscsiadm } from './storage/iscsiadm';
import { itadm } from './storage/itadm';
import { mount } from './storage/mount';
import { stmfadm } from './storage/stmfadm';
import { suriadm } from './storage/suriadm';
import { prtconf } from './system/prtconf';
import { psrinfo } from './system/psrinfo';
import { zfs } from './zfs/zfs';
import { zlogin } from './zones/zlogin';
import { zoneadm } from './zones/zoneadm';
import { zonecfg } from './zones/zonecfg';

/** The global zone's commands by basename. A new command family is one file and one line here. */
export const COMMANDS: Record<string, CommandHandler> = {
  zoneadm,
  zonecfg,
  zlogin,
  zfs,
  dladm,
  beadm,
  svcs,
  svcadm,
  uname,
  hostname,
  hostid,
  stmfadm,
  itadm,
  iscsiadm,
  suriadm,
  mount,
  df,
  prtconf,
  psrinfo,
  ssh,
  pfexec,
  sudo,
  tee,
  rm,
  sh,
  ksh: sh,
  ksh93: sh,
  bash: sh,
};
