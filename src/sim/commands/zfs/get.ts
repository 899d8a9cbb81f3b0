import { isUserProp, NATIVE } from '../../model/zfsProps';
import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { has, last } from '../getopt';
import { zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';
import { collect, type Item, itemProperty, formatted, parseProps, parseTypes, receivedValue } from './rows';

/** zfs-fuse's get has no -t (observed on zfs-fuse 0.7: its usage line lacks it). */
function syntax(inv: Invocation): ZfsSyntax {
  const { getTypes } = inv.host.release.zfs;
  return {
    usage: `get [-rHp] [-d max] [-o "all" | field[,...]] ${getTypes ? '[-t type[,...]] ' : ''}[-s source[,...]]\n\t    <"all" | property[,...]> [filesystem|volume|snapshot] ...`,
    options: getTypes ? 'rHpd:o:t:s:' : 'rHpd:o:s:',
  };
}
const FIELDS = ['name', 'property', 'value', 'received', 'source'];
const SOURCES = ['local', 'default', 'inherited', 'temporary', 'received', 'none'];

/** Every property `zfs get all` shows for an item: the applicable natives, then user properties in effect. */
function allProps(inv: Invocation, item: Item): string[] {
  const natives = Object.entries(NATIVE)
    .filter(([name, p]) => name !== 'name' && p.applies.includes(item.type))
    // `get all` lists only the properties the release has (no `written` on zfs-fuse: observed).
    .filter(([name]) => name !== 'written' || inv.host.release.zfs.written)
    .map(([name]) => name);
  const users = new Set<string>();
  for (
    let at: string | undefined = item.dataset.name;
    at;
    at = at.includes('/') ? at.slice(0, at.lastIndexOf('/')) : undefined
  ) {
    Object.keys(inv.host.zfs.get(at)?.props ?? {})
      .filter(isUserProp)
      .forEach((p) => users.add(p));
  }
  Object.keys(item.snapshot?.userProps ?? {}).forEach((p) => users.add(p));
  return [...natives, ...[...users].sort()];
}

function sourceKind(source: string): string {
  if (source === '-') return 'none';
  return source.startsWith('inherited') ? 'inherited' : source;
}

/**
 * `zfs get`: fields name,property,value,received,source. Sources: local, received, inherited from X,
 * default, or - (read-only, or an unset user property). Evidence: Solaris 11.0 zfs_main.c
 * zfs_do_get (usage and fields); `received` source observed on zfs-fuse 0.7 after `send -R`.
 */
export const zfsGet = zfsSubcommand(syntax, (inv, o, usage) => {
  const [propSpec, ...operands] = o.operands;
  if (propSpec === undefined) return zfsUsage(inv, 'missing property argument', usage);
  const fieldSpec = last(o, 'o') ?? 'name,property,value,source';
  const fields = fieldSpec === 'all' ? FIELDS : fieldSpec.split(',');
  const badField = fields.find((f) => !FIELDS.includes(f));
  if (badField) return zfsUsage(inv, `invalid field '${badField}'`, usage);
  const props = propSpec === 'all' ? 'all' : parseProps(inv.host.release, propSpec);
  if (props !== 'all' && 'bad' in props)
    return zfsUsage(inv, `bad property list: invalid property '${props.bad}'`, usage);
  const sources = last(o, 's')?.split(',');
  if (sources?.some((s) => !SOURCES.includes(s))) return zfsUsage(inv, 'invalid source', usage);
  const typeSpec = last(o, 't');
  const types = typeSpec === undefined ? parseTypes('all') : parseTypes(typeSpec);
  if (!types) return zfsUsage(inv, `invalid type '${typeSpec}'`, usage);
  const depthArg = last(o, 'd');
  const depth = depthArg !== undefined ? Number(depthArg) : has(o, 'r') ? Infinity : 0;
  const { zfs } = inv.host;
  const { items, missing, notZfs } = collect(zfs, operands, depth, types, false);
  for (const name of missing) print(inv.io.stderr, `cannot open '${name}': dataset does not exist\n`);
  // libzfs zfs_path_to_zhandle: "'%s': not a ZFS filesystem".
  for (const path of notZfs) print(inv.io.stderr, `'${path}': not a ZFS filesystem\n`);
  const parsable = has(o, 'p');
  const rows: string[][] = [];
  for (const item of items) {
    for (const prop of props === 'all' ? allProps(inv, item) : props) {
      const { source } = itemProperty(zfs, item, prop);
      if (sources && !sources.includes(sourceKind(source))) continue;
      const cells: Record<string, string> = {
        name: item.name,
        property: prop,
        value: formatted(zfs, item, prop, parsable),
        received: receivedValue(item, prop, parsable),
        source,
      };
      rows.push(fields.map((f) => cells[f] ?? '-'));
    }
  }
  if (has(o, 'H')) print(inv.io.stdout, rows.map((r) => `${r.join('\t')}\n`).join(''));
  else if (rows.length > 0) {
    const header = fields.map((f) => f.toUpperCase());
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]): string =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    print(inv.io.stdout, [header, ...rows].map((r) => `${line(r)}\n`).join(''));
  }
  return missing.length + notZfs.length > 0 ? 1 : 0;
});
