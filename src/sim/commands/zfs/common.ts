import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, type Options } from '../getopt';

export const ZFS_USAGE = 'usage:\n\tzfs <command> <args> ...\n';

export function zfsError(inv: Invocation, text: string): number {
  print(inv.io.stderr, text.endsWith('\n') ? text : `${text}\n`);
  return 1;
}

export function zfsUsage(inv: Invocation, text: string, usage: string): number {
  print(inv.io.stderr, `${text}\nusage:\n\t${usage}\n`);
  return 2;
}

function badOption(inv: Invocation, letter: string, usage: string): number {
  return zfsUsage(inv, letter === '' ? 'missing argument' : `invalid option '${letter}'`, usage);
}

/** A zfs subcommand's usage text and its getopt letters; some differ by release or dialect. */
export interface ZfsSyntax {
  usage: string;
  options: string;
}

/**
 * The preamble every zfs subcommand that takes options opens with, as in zfs_main.c: getopt over its
 * letters, and on an unknown letter or a missing option argument the subcommand's usage, exit 2.
 * `syntax` is fixed or chosen by the host (release, dialect); `run` gets the parsed options and
 * the usage text for the usage errors of its own.
 */
export function zfsSubcommand(
  syntax: ZfsSyntax | ((inv: Invocation) => ZfsSyntax),
  run: (inv: Invocation, o: Options, usage: string) => number | Promise<number>,
): (inv: Invocation) => Promise<number> {
  return async (inv) => {
    const { usage, options } = typeof syntax === 'function' ? syntax(inv) : syntax;
    const o = getopt(inv.args, options);
    if ('badOption' in o) return badOption(inv, o.badOption, usage);
    return run(inv, o, usage);
  };
}

/**
 * The single operand of destroy, rollback, create, send and receive, or the usage error: "missing
 * <what> argument" when it is absent or empty, "too many arguments" when another follows.
 */
export function soleOperand(inv: Invocation, o: Options, usage: string, what: string): string | number {
  const [operand, extra] = o.operands;
  if (!operand || extra) return zfsUsage(inv, operand ? 'too many arguments' : `missing ${what} argument`, usage);
  return operand;
}

/** A dataset name component or snapshot name, as snapshot and create accept them. */
export const VALID_COMPONENT = /^[A-Za-z0-9_.:-]+$/;

/** Parses `-o p=v` options (snapshot, create); returns a usage message on a bad one. */
export function assignments(values: string[]): Record<string, string> | string {
  const result: Record<string, string> = {};
  for (const a of values) {
    const eq = a.indexOf('=');
    if (eq < 0) return `missing '=' for -o option`;
    result[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return result;
}

/**
 * Datasets in use, which destroy/rollback refuse with EBUSY ("dataset is busy": Solaris 11.0
 * libzfs_util.c zfs_standard_error_fmt): a running zone's zonepath tree and delegated datasets, and
 * a zvol that backs a COMSTAR LU (sbd holds it open; inferred from that open).
 */
export function busyDatasets(inv: Invocation): string[] {
  const { host } = inv;
  const roots: string[] = [];
  for (const zone of host.zones.values()) {
    if (zone.state !== 'running' && zone.state !== 'ready' && zone.state !== 'shutting_down') continue;
    const zpds = host.zonepathDataset(zone.config.props.zonepath ?? '');
    if (zpds) roots.push(zpds.name);
    for (const r of zone.config.resources) if (r.type === 'dataset' && r.props.name) roots.push(r.props.name);
  }
  for (const lu of host.network.fabric.lus.values()) if (lu.storageHost === host.name) roots.push(lu.zvol);
  return roots;
}

export function isBusy(inv: Invocation, name: string): boolean {
  return busyDatasets(inv).some((root) => name === root || name.startsWith(`${root}/`));
}
