import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { has, last } from '../getopt';
import { zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';
import { collect, formatted, isNumeric, itemProperty, knownProp, parseProps, parseTypes } from './rows';
import { isWrittenAt } from '../../model/zfsProps';

const USAGE =
  'list [-rH][-d max] [-o property[,...]] [-t type[,...]] [-s property] ...\n\t    [-S property] ... [filesystem|volume|snapshot] ...';

/**
 * -p came with illumos 2583 (2013); without it getopt rejects the letter (observed on zfs-fuse 0.7:
 * "invalid option 'p'" and the usage, exit 2).
 */
const listSyntax = (inv: Invocation): ZfsSyntax => ({
  usage: USAGE,
  options: inv.host.release.zfs.listParsable ? 'rHpd:o:t:s:S:' : 'rHd:o:t:s:S:',
});

const HEADERS: Record<string, string> = { available: 'AVAIL', referenced: 'REFER' };

/** `zfs list`: -H tab-separated without header; otherwise two-space aligned columns. */
export const zfsList = zfsSubcommand(listSyntax, (inv, o, usage) => {
  const { release } = inv.host;
  const props = parseProps(release, last(o, 'o') ?? 'name,used,available,referenced,mountpoint');
  // libzfs zprop_get_list: "bad property list" with the aux "invalid property '%s'".
  if ('bad' in props) return zfsUsage(inv, `bad property list: invalid property '${props.bad}'`, usage);
  // zfs_main.c zfs_do_list: a sort key zfs_add_sort_column() rejects → "invalid property '%s'".
  const badSort = [...(o.opts.get('s') ?? []), ...(o.opts.get('S') ?? [])].find(
    (p) => isWrittenAt(p) || knownProp(release, p) === undefined,
  );
  if (badSort !== undefined) return zfsUsage(inv, `invalid property '${badSort}'`, usage);
  const typeSpec = last(o, 't');
  const types = typeSpec === undefined ? (['filesystem', 'volume'] as const).slice() : parseTypes(typeSpec);
  if (!types) return zfsUsage(inv, `invalid type '${typeSpec}'`, usage);
  const depthArg = last(o, 'd');
  const depth = depthArg !== undefined ? Number(depthArg) : has(o, 'r') ? Infinity : 0;
  if (Number.isNaN(depth) || depth < 0) return zfsUsage(inv, `invalid depth '${depthArg}'`, usage);
  const { zfs } = inv.host;
  const { items, missing, notZfs } = collect(
    zfs,
    o.operands,
    depth,
    types,
    typeSpec !== undefined && types.includes('snapshot'),
  );
  for (const name of missing) print(inv.io.stderr, `cannot open '${name}': dataset does not exist\n`);
  // libzfs zfs_path_to_zhandle: "'%s': not a ZFS filesystem".
  for (const path of notZfs) print(inv.io.stderr, `'${path}': not a ZFS filesystem\n`);

  const sortKeys = [
    ...(o.opts.get('s') ?? []).map((p) => ({ p, dir: 1 })),
    ...(o.opts.get('S') ?? []).map((p) => ({ p, dir: -1 })),
  ];
  if (sortKeys.length > 0) {
    const key = (item: (typeof items)[number], p: string): number | string => {
      const v = itemProperty(zfs, item, knownProp(release, p) ?? p).value;
      return v !== '-' && !Number.isNaN(Number(v)) ? Number(v) : v;
    };
    items.sort((a, b) => {
      for (const { p, dir } of sortKeys) {
        const [x, y] = [key(a, p), key(b, p)];
        if (x !== y) return (x < y ? -1 : 1) * dir;
      }
      return 0;
    });
  }

  const parsable = has(o, 'p');
  const rows = items.map((item) => props.map((p) => formatted(zfs, item, p, parsable)));
  if (has(o, 'H')) {
    print(inv.io.stdout, rows.map((r) => `${r.join('\t')}\n`).join(''));
  } else if (rows.length === 0) {
    if (missing.length + notZfs.length === 0) print(inv.io.stdout, 'no datasets available\n');
  } else {
    const header = props.map((p) => HEADERS[p] ?? p.toUpperCase());
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]): string =>
      cells
        .map((c, i) => (isNumeric(props[i] ?? '') ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    print(inv.io.stdout, [header, ...rows].map((r) => `${line(r)}\n`).join(''));
  }
  return missing.length + notZfs.length > 0 ? 1 : 0;
});
