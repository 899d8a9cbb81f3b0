import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';

/**
 * hostname(1): no operand prints the node name; an option gets `usage: hostname [system_name]`,
 * exit 1 (illumos hostname.c). Setting the name is not modelled: an operand is refused as
 * sethostname(2) refuses a caller without the privilege ("error in setting name: Not owner").
 */
export const hostname: CommandHandler = async (inv) => {
  if (inv.args.some((a) => a.startsWith('-')) || inv.args.length > 1) {
    print(inv.io.stderr, 'usage: hostname [system_name]\n');
    return 1;
  }
  if (inv.args.length === 1) {
    print(inv.io.stderr, 'hostname: error in setting name: Not owner\n');
    return 1;
  }
  print(inv.io.stdout, `${inv.host.name}\n`);
  return 0;
};
