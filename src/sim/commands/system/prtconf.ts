import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';

/**
 * `prtconf -m`: the memory size in megabytes, a bare number (illumos prtconf.c main:
 * `printf("%ld\n", …)` with o_memory). Plain `prtconf` starts with "System Configuration:" and
 * "Memory size: N Megabytes" before the device tree, which is not modelled: only those two lines.
 */
export const prtconf: CommandHandler = async (inv) => {
  const { host } = inv;
  if (inv.args.length === 1 && inv.args[0] === '-m') {
    print(inv.io.stdout, `${host.memoryMb}\n`);
    return 0;
  }
  if (inv.args.length > 0) {
    print(inv.io.stderr, 'usage: prtconf [-m] (other options are not simulated)\n');
    return 1;
  }
  const machine = host.cpu.arch === 'sparc' ? 'sun4v' : 'i86pc';
  print(
    inv.io.stdout,
    `System Configuration:  Oracle Corporation  ${machine}\nMemory size: ${host.memoryMb} Megabytes\n`,
  );
  return 0;
};
