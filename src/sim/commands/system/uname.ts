import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';

/**
 * uname(1) `-v` / `-r` / `-s`. Solaris prints `SunOS` and `5.11` for -s and -r on every 11.x;
 * `-v` is the release ("11.3", and since 11.4 the full SRU version, "11.4.42.111.0": Oracle 11.4
 * docs, "Determining the Oracle Solaris version") and on OmniOS its build tag. Other options:
 * inferred as the illumos usage text.
 */
export const uname: CommandHandler = async (inv) => {
  const fields: Record<string, string> = { s: 'SunOS', r: '5.11', v: inv.host.release.version, n: inv.host.name };
  const flags = inv.args.length ? inv.args.flatMap((a) => (a.startsWith('-') ? [...a.slice(1)] : ['?'])) : ['s'];
  if (flags.some((f) => fields[f] === undefined)) {
    print(inv.io.stderr, 'usage:\tuname [-snrvmapiX]\n\tuname [-S system_name]\n');
    return 1;
  }
  print(inv.io.stdout, `${flags.map((f) => fields[f]).join(' ')}\n`);
  return 0;
};
