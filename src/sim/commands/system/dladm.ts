import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import type { Vnic } from '../../model/vnic';
import { getopt, has, last } from '../getopt';

const FIELDS: Record<string, (v: Vnic) => string> = {
  link: (v) => v.link,
  over: (v) => v.over,
  speed: () => '1000',
  macaddress: (v) => v.mac,
  macaddrtype: () => 'fixed',
  vids: () => '0',
  vid: () => '0',
  zone: () => '--',
};
const DEFAULT_FIELDS = ['link', 'over', 'speed', 'macaddress', 'macaddrtype', 'vids'];
const WIDTHS: Record<string, number> = { link: 20, over: 18, speed: 7, macaddress: 18, macaddrtype: 12 };

function showVnic(inv: Invocation, args: string[]): number {
  const o = getopt(args, 'po:P');
  if ('badOption' in o) {
    print(inv.io.stderr, `dladm: illegal option -- ${o.badOption}\n`);
    return 1;
  }
  const fields = (last(o, 'o') ?? DEFAULT_FIELDS.join(',')).toLowerCase().split(',');
  const bad = fields.find((f) => !FIELDS[f]);
  if (bad) {
    print(inv.io.stderr, `dladm: invalid field(s) specified\n`);
    return 1;
  }
  if (has(o, 'p') && !has(o, 'o')) {
    print(inv.io.stderr, 'dladm: -p requires -o\n');
    return 1;
  }
  const { vnics } = inv.host;
  for (const name of o.operands) {
    if (!vnics.some((v) => v.link === name)) {
      print(inv.io.stderr, `dladm: invalid vnic name '${name}': object not found\n`);
      return 1;
    }
  }
  const shown = o.operands.length > 0 ? vnics.filter((v) => o.operands.includes(v.link)) : vnics;
  const cell = (f: string, v: Vnic): string => FIELDS[f]?.(v) ?? '';
  if (has(o, 'p')) {
    // Parsable output escapes the separator inside values (MAC addresses).
    const line = (v: Vnic): string =>
      fields.map((f) => (fields.length > 1 ? cell(f, v).replaceAll(':', '\\:') : cell(f, v))).join(':');
    print(inv.io.stdout, shown.map((v) => `${line(v)}\n`).join(''));
    return 0;
  }
  const pad = (f: string, text: string): string => text.padEnd(WIDTHS[f] ?? text.length + 1);
  const header = fields
    .map((f) => pad(f, f.toUpperCase()))
    .join('')
    .trimEnd();
  print(
    inv.io.stdout,
    [
      header,
      ...shown.map((v) =>
        fields
          .map((f) => pad(f, cell(f, v)))
          .join('')
          .trimEnd(),
      ),
    ]
      .map((l) => `${l}\n`)
      .join(''),
  );
  return 0;
}

function createVnic(inv: Invocation, args: string[]): number {
  const o = getopt(args, 'tl:m:v:p:');
  const [link] = 'badOption' in o ? [] : o.operands;
  if ('badOption' in o || !link || !last(o, 'l')) {
    print(inv.io.stderr, 'usage: dladm create-vnic [-t] -l <link> [-m <value>] <vnic-link>\n');
    return 1;
  }
  if (inv.host.vnics.some((v) => v.link === link)) {
    print(inv.io.stderr, `dladm: vnic creation over ${last(o, 'l')} failed: object already exists\n`);
    return 1;
  }
  inv.host.addVnic(link, last(o, 'l'), last(o, 'm'));
  return 0;
}

function deleteVnic(inv: Invocation, args: string[]): number {
  const link = args.filter((a) => a !== '-t')[0];
  if (!link || !inv.host.vnics.some((v) => v.link === link)) {
    print(inv.io.stderr, `dladm: vnic deletion failed: object not found\n`);
    return 1;
  }
  inv.host.vnics = inv.host.vnics.filter((v) => v.link !== link);
  return 0;
}

interface LinkRow {
  link: string;
  class: string;
  over: string;
}

const LINK_FIELDS: Record<string, (l: LinkRow) => string> = {
  link: (l) => l.link,
  class: (l) => l.class,
  mtu: () => '1500',
  state: () => 'up',
  bridge: () => '--',
  over: (l) => l.over || '--',
  zone: () => '--',
};

/**
 * `show-link [-p -o fields] [link]`: every datalink class (dladm.c do_show_link walks
 * DATALINK_CLASS_ALL). A missing link: `dladm: link X is not valid: object not found` (die_dlerr);
 * `-p` without `-o`: `dladm: -p requires -o`. One field is printed unescaped (ofmt.c).
 */
function showLink(inv: Invocation, args: string[]): number {
  const o = getopt(args, 'po:P');
  if ('badOption' in o) {
    print(inv.io.stderr, `dladm: illegal option -- ${o.badOption}\n`);
    return 1;
  }
  if (has(o, 'p') && !has(o, 'o')) {
    print(inv.io.stderr, 'dladm: -p requires -o\n');
    return 1;
  }
  const { host } = inv;
  const rows: LinkRow[] = [
    ...host.physicalLinks.map((link) => ({ link, class: 'phys', over: '' })),
    ...host.aggregations.map((link) => ({ link, class: 'aggr', over: '' })),
    ...host.vnics.map((v) => ({ link: v.link, class: 'vnic', over: v.over })),
  ];
  const [only] = o.operands;
  const shown = only === undefined ? rows : rows.filter((r) => r.link === only);
  if (only !== undefined && shown.length === 0) {
    print(inv.io.stderr, `dladm: link ${only} is not valid: object not found\n`);
    return 1;
  }
  const fields = (last(o, 'o') ?? 'link,class,mtu,state,bridge,over').toLowerCase().split(',');
  if (fields.some((f) => !LINK_FIELDS[f])) {
    print(inv.io.stderr, 'dladm: invalid field(s) specified\n');
    return 1;
  }
  const cell = (f: string, r: LinkRow) => LINK_FIELDS[f]!(r);
  const line = (r: LinkRow) =>
    has(o, 'p')
      ? fields.map((f) => cell(f, r)).join(':')
      : fields
          .map((f) => cell(f, r).padEnd(12))
          .join('')
          .trimEnd();
  const header = has(o, 'p')
    ? []
    : [
        fields
          .map((f) => f.toUpperCase().padEnd(12))
          .join('')
          .trimEnd(),
      ];
  print(inv.io.stdout, [...header, ...shown.map(line)].map((l) => `${l}\n`).join(''));
  return 0;
}

/** dladm(8): show-link, show-vnic, create-vnic, delete-vnic. */
export const dladm: CommandHandler = async (inv) => {
  const [sub, ...args] = inv.args;
  switch (sub) {
    case 'show-link':
      return showLink(inv, args);
    case 'show-vnic':
      return showVnic(inv, args);
    case 'create-vnic':
      return createVnic(inv, args);
    case 'delete-vnic':
      return deleteVnic(inv, args);
    default:
      print(inv.io.stderr, `dladm: unknown subcommand '${sub ?? ''}'\n`);
      return 1;
  }
};
