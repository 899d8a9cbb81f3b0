import type { CommandHandler } from '../shell/invocation';
import { beadm } from './beadm';
import { dladm } from './dladm';
import { ssh } from './ssh';
import { svcadm, svcs } from './svcs';
import { pfexec, rm, sh, sudo, tee } from './wrappers';
import { uname } from './uname';
import { zfs } from './zfs';
import { zlogin } from './zlogin';
import { zoneadm } from './zoneadm';
import { zonecfg } from './zonecfg';

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
