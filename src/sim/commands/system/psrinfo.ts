import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';

/** psrinfo's timestr(): `%m/%d/%Y %T` in the host's time zone (UTC here). */
function since(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}`;
}

/**
 * `-pv` for one socket without cores: `The physical processor has N virtual processors (0-M)`, the
 * implementation indented two spaces, then a bare newline (Solaris 11.0 psrinfo.pl, physical view
 * without children: the brand is left out when the implementation starts with it, as on SPARC).
 * The implementation `<model> (chipid 0, clock 5000 MHz)` is the SPARC form of published output;
 * an x86 host's model is printed as given.
 */
function physicalView(host: { ncpus: number; cpu: { arch: string; model: string } }): string {
  const range = host.ncpus > 1 ? `0-${host.ncpus - 1}` : '0';
  const noun = host.ncpus === 1 ? 'processor' : 'processors';
  const impl = host.cpu.arch === 'sparc' ? `${host.cpu.model} (chipid 0, clock 5000 MHz)` : host.cpu.model;
  return `The physical processor has ${host.ncpus} virtual ${noun} (${range})\n  ${impl}\n\n`;
}

/**
 * `psrinfo`: one line per virtual processor, `%d\t%-8s  since %s\n` (illumos psrinfo.c
 * print_normal; Solaris's psrinfo prints the same layout); `-p`: the number of physical processors
 * (print_p; one socket here); `-pv`: physicalView. Other options are not simulated.
 */
export const psrinfo: CommandHandler = async (inv) => {
  const { host } = inv;
  if (inv.args.length === 1 && inv.args[0] === '-p') {
    print(inv.io.stdout, '1\n');
    return 0;
  }
  if (['-pv', '-vp', '-p -v', '-v -p'].includes(inv.args.join(' '))) {
    print(inv.io.stdout, physicalView(host));
    return 0;
  }
  if (inv.args.length > 0) {
    // usage(): the illumos usage text, exit 2.
    print(
      inv.io.stderr,
      'usage: \n\tpsrinfo -r propname\n\tpsrinfo [-v] [-p] [processor_id ...]\n\tpsrinfo -s [-p] processor_id\n\tpsrinfo -t [-S <state> | -c | -p]\n',
    );
    return 2;
  }
  const lines = Array.from(
    { length: host.ncpus },
    (_, i) => `${i}\t${'on-line'.padEnd(8)}  since ${since(host.bootedAt)}\n`,
  );
  print(inv.io.stdout, lines.join(''));
  return 0;
};
