import type { CommandHandler } from '../../shell/invocation';
import type { SimHost } from '../../simHost';
import { print } from '../../shell/io';
import { getopt, has, last } from '../getopt';

/**
 * svcs-style FMRI matching: full FMRI, without `svc:/`, a trailing component, or without `:default`
 * (svcs(1) "the abbreviated forms of FMRIs"; inferred beyond what the man page lists).
 */
export function matchService(host: SimHost, pattern: string): string | undefined {
  return [...host.services.keys()].find(
    (f) =>
      f === pattern ||
      f === `svc:/${pattern}` ||
      f.endsWith(`/${pattern}`) ||
      f === `${pattern}:default` ||
      f === `svc:/${pattern}:default` ||
      f.endsWith(`/${pattern}:default`),
  );
}

/** svcs(1) in the global zone: `-H`, `-o state,stime,fmri`. */
export const svcs: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'Ho:apvx');
  if ('badOption' in o) {
    print(inv.io.stderr, `svcs: illegal option -- ${o.badOption}\n`);
    return 2;
  }
  const columns = (last(o, 'o') ?? 'state,stime,fmri').split(',');
  const { host } = inv;
  const fmris: string[] = [];
  let status = 0;
  for (const pattern of o.operands) {
    const fmri = matchService(host, pattern);
    if (fmri) fmris.push(fmri);
    else {
      print(inv.io.stderr, `svcs: Pattern '${pattern}' doesn't match any instances\n`);
      status = 1;
    }
  }
  const shown = o.operands.length > 0 ? fmris : [...host.services.keys()];
  const cell = (c: string, f: string): string =>
    c === 'state' ? (host.services.get(f) ?? '-') : c === 'stime' ? '10:00:00' : c === 'fmri' ? f : '-';
  const widths: Record<string, number> = { state: 15, stime: 9 };
  const line = (cells: string[]): string =>
    cells.map((t, i) => (i < cells.length - 1 ? t.padEnd(widths[columns[i] ?? ''] ?? t.length + 1) : t)).join('');
  const lines = shown.map((f) => line(columns.map((c) => cell(c, f))));
  if (!has(o, 'H')) lines.unshift(line(columns.map((c) => c.toUpperCase())));
  print(inv.io.stdout, lines.map((l) => `${l}\n`).join(''));
  return status;
};

/** svcadm(8) enable/disable/restart/refresh/clear. */
export const svcadm: CommandHandler = async (inv) => {
  const [sub, ...rest] = inv.args;
  const targets = rest.filter((a) => !a.startsWith('-'));
  const next: Record<string, ((s: string) => string) | undefined> = {
    enable: () => 'online',
    disable: () => 'disabled',
    restart: (s) => s,
    refresh: (s) => s,
    clear: (s) => (s === 'maintenance' ? 'online' : s),
  };
  const change = sub === undefined ? undefined : next[sub];
  if (!change || targets.length === 0) {
    print(inv.io.stderr, 'Usage: svcadm [-v] [cmd [args ... ]]\n');
    return 2;
  }
  let status = 0;
  for (const pattern of targets) {
    const fmri = matchService(inv.host, pattern);
    if (!fmri) {
      print(inv.io.stderr, `svcadm: Pattern '${pattern}' doesn't match any instances\n`);
      status = 1;
      continue;
    }
    inv.host.services.set(fmri, change(inv.host.services.get(fmri) ?? 'disabled'));
  }
  return status;
};
