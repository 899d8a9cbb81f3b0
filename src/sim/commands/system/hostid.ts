import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';

/** hostid(1): the host id as 8 hex digits (Solaris 11.0 hostid.c: `printf("%08lx\n", hostval)`). */
export const hostid: CommandHandler = async (inv) => {
  print(inv.io.stdout, `${inv.host.hostid.padStart(8, '0')}\n`);
  return 0;
};
