import type { SimRelease } from '../../model/release';
import type { Zone, ZoneResource } from '../../model/zoneTypes';

/**
 * The zone's /etc/zones/<zone>.xml, which `zoneadm detach -n` prints (the brand detach scripts
 * only `cat /etc/zones/$ZONENAME.xml`: Solaris 11.0 solaris/zone/detach.ksh, omniosorg/pkg5
 * src/brand/ipkg/detach) and `zoneadm attach -n` reads back. Layout as libzonecfg writes it
 * (Solaris 11.0 libzonecfg.c zonecfg_save: the "DO NOT EDIT" comment before the root element,
 * xmlSaveFormatFile(…, 1) two-space indentation; element and attribute names from zonecfg.dtd.1).
 * No <package> element: nothing in Solaris 11 or the ipkg brand writes one (zonecfg_add_pkg has no
 * callers).
 */

const escapeAttr = (s: string): string =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;');

const unescapeAttr = (s: string): string =>
  s
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#10;', '\n')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

type Attrs = [string, string][];

function element(name: string, attrs: Attrs, children: string[] = [], indent = '  '): string {
  const list = attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (children.length === 0) return `${indent}<${name}${list}/>\n`;
  return `${indent}<${name}${list}>\n${children.join('')}${indent}</${name}>\n`;
}

/** Only the properties that are set, in the given order. */
function present(props: Record<string, string>, order: [xmlName: string, prop: string][]): Attrs {
  return order.flatMap(([xmlName, prop]) => {
    const value = props[prop];
    return value === undefined || value === '' ? [] : [[xmlName, value] as [string, string]];
  });
}

const SIZE_UNITS: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** zonecfg's byte conversion of capped-memory values (`1g` → 1073741824); inferred rounding. */
function bytes(value: string): string {
  const m = /^(\d+(?:\.\d+)?)([kmgt])?b?$/i.exec(value.trim());
  if (!m) return value;
  return String(Math.round(Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toLowerCase()] ?? 1)));
}

function rctl(name: string, values: { priv: string; limit: string; action: string }[]): string {
  const children = values.map((v) =>
    element(
      'rctl-value',
      [
        ['priv', v.priv],
        ['limit', v.limit],
        ['action', v.action],
      ],
      [],
      '    ',
    ),
  );
  return element('rctl', [['name', name]], children);
}

/** `(priv=privileged,limit=1,action=none)` as zonecfg takes rctl values. */
function rctlValues(value: string): { priv: string; limit: string; action: string }[] {
  return [...value.matchAll(/\(([^)]*)\)/g)].map((m) => {
    const fields = Object.fromEntries((m[1] ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
    return { priv: fields.priv ?? '', limit: fields.limit ?? '', action: fields.action ?? '' };
  });
}

/**
 * One zonecfg resource as its XML element (Solaris 11.0 libzonecfg.c zonecfg_add_*_core). Optional
 * attributes are written only when set; configure-allowed-address always ("true" by default) on
 * Solaris, and not at all on illumos, whose DTD has no such attribute (inferred).
 */
function resourceXml(r: ZoneResource, solaris: boolean): string {
  const p = r.props;
  const allowed = solaris
    ? [['configure-allowed-address', p['configure-allowed-address'] ?? 'true'] as [string, string]]
    : [];
  switch (r.type) {
    case 'net':
      return element('network', [
        ['physical', p.physical ?? ''],
        ...present(p, [
          ['address', 'address'],
          ['allowed-address', 'allowed-address'],
        ]),
        ...allowed,
        ...present(p, [['defrouter', 'defrouter']]),
      ]);
    case 'anet':
      return element('automatic-network', [
        ['lower-link', p['lower-link'] ?? 'auto'],
        ...present(p, [
          ['linkname', 'linkname'],
          ['allowed-address', 'allowed-address'],
        ]),
        ...allowed,
        ...present(p, [
          ['defrouter', 'defrouter'],
          ['link-protection', 'link-protection'],
          ['mac-address', 'mac-address'],
          ['vlan-id', 'vlan-id'],
          ['mtu', 'mtu'],
          ['maxbw', 'maxbw'],
          ['iov', 'iov'],
          ['lro', 'lro'],
          ['id', 'id'],
        ]),
      ]);
    case 'dataset':
      // zonecfg fills in the default alias (the dataset's basename) when none is given (zonecfg.dtd.1).
      return element('dataset', [
        ['name', p.name ?? ''],
        ['alias', p.alias ?? (p.name ?? '').split('/').at(-1) ?? ''],
      ]);
    case 'attr':
      return element('attr', [
        ['name', p.name ?? ''],
        ['type', p.type ?? ''],
        ['value', p.value ?? ''],
      ]);
    case 'fs': {
      const options = (p.options ?? '')
        .replace(/^\[|\]$/g, '')
        .split(',')
        .filter((o) => o !== '');
      return element(
        'filesystem',
        [
          ['special', p.special ?? ''],
          ...present(p, [['raw', 'raw']]),
          ['directory', p.dir ?? ''],
          ['type', p.type ?? ''],
        ],
        options.map((o) => element('fsoption', [['name', o]], [], '    ')),
      );
    }
    case 'device':
      return element('device', [
        ['match', p.match ?? ''],
        ...present(p, [
          ['allow-partition', 'allow-partition'],
          ['allow-raw-io', 'allow-raw-io'],
        ]),
      ]);
    case 'rctl':
      return rctl(p.name ?? '', rctlValues(p.value ?? ''));
    case 'admin':
      return element('admin', [
        ['user', p.user ?? ''],
        ['auths', p.auths ?? ''],
      ]);
    case 'dedicated-cpu': {
      const [min = '', max = min] = (p.ncpus ?? '').split('-');
      const pset = element('pset', [
        ['ncpu_min', min],
        ['ncpu_max', max],
      ]);
      return p.importance === undefined ? pset : pset + element('tmp_pool', [['importance', p.importance]]);
    }
    case 'capped-cpu':
      return rctl('zone.cpu-cap', [
        { priv: 'privileged', limit: String(Math.round(Number(p.ncpus ?? '0') * 100)), action: 'deny' },
      ]);
    case 'capped-memory': {
      let xml = p.physical === undefined ? '' : element('mcap', [['physcap', bytes(p.physical)]]);
      if (p.swap !== undefined)
        xml += rctl('zone.max-swap', [{ priv: 'privileged', limit: bytes(p.swap), action: 'deny' }]);
      if (p.locked !== undefined)
        xml += rctl('zone.max-locked-memory', [{ priv: 'privileged', limit: bytes(p.locked), action: 'deny' }]);
      return xml;
    }
    default:
      // suspend, keysource (11.4): element layout inferred.
      return element(r.type, Object.entries(p));
  }
}

/**
 * Root attributes: the SYSdefault.xml template's order (name, zonepath, autoboot, brand, ip-type),
 * then the others as setrootattr appends them (order inferred; the 11.3+ attribute names
 * autoshutdown and tenant are inferred too, the 11.0 DTD has neither).
 */
const ROOT_EXTRA = [
  'bootargs',
  'pool',
  'limitpriv',
  'scheduling-class',
  'hostid',
  'fs-allowed',
  'file-mac-profile',
  'autoshutdown',
  'tenant',
];

export function zoneXml(zone: Zone, release: SimRelease): string {
  const p = zone.config.props;
  const attrs: Attrs = [
    ['name', zone.name],
    ['zonepath', p.zonepath ?? ''],
    ['autoboot', p.autoboot ?? 'false'],
    ['brand', p.brand ?? release.zones.brands[0] ?? ''],
    ...present(p, [['ip-type', 'ip-type']]),
    ...present(
      p,
      ROOT_EXTRA.map((k) => [k, k] as [string, string]),
    ),
  ];
  const solaris = release.dialect === 'solaris11';
  const body = zone.config.resources.map((r) => resourceXml(r, solaris));
  return [
    '<?xml version="1.0"?>\n',
    '<!DOCTYPE zone PUBLIC "-//Sun Microsystems Inc//DTD Zones//EN" "file:///usr/share/lib/xml/dtd/zonecfg.dtd.1">\n',
    '<!--\n    DO NOT EDIT THIS FILE.  Use zonecfg(1M) instead.\n-->\n',
    element('zone', attrs, body, ''),
  ].join('');
}

/** What `attach -n` takes from a manifest (dryrun_get_brand: the brand; the rest is unused). */
export interface AttachManifest {
  name: string;
  zonepath: string;
  /** '' when the root element has no brand attribute (zonecfg_get_brand then uses the default). */
  brand: string;
}

interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
}

/** Element → attributes it must carry (zonecfg.dtd.1 #REQUIRED). */
const REQUIRED_ATTRS: Record<string, string[]> = {
  zone: ['name', 'zonepath', 'autoboot'],
  filesystem: ['special', 'directory', 'type'],
  fsoption: ['name'],
  'inherited-pkg-dir': ['directory'],
  network: ['physical'],
  'automatic-network': [],
  device: ['match'],
  'deleted-device': ['match'],
  'rctl-value': ['priv', 'limit', 'action'],
  rctl: ['name'],
  attr: ['name', 'type', 'value'],
  dataset: ['name'],
  package: ['name', 'version'],
  obsoletes: ['id'],
  incompatible: ['id'],
  patch: ['id'],
  tmp_pool: ['importance'],
  pset: ['ncpu_min', 'ncpu_max'],
  mcap: ['physcap'],
  admin: ['user', 'auths'],
  // 11.4 resources the simulator writes; their DTD entries are inferred.
  suspend: [],
  keysource: [],
};

/** Which children each element may have (zonecfg.dtd.1). */
const CHILDREN: Record<string, string[]> = {
  zone: [
    'filesystem',
    'inherited-pkg-dir',
    'network',
    'device',
    'deleted-device',
    'rctl',
    'attr',
    'dataset',
    'package',
    'patch',
    'tmp_pool',
    'pset',
    'mcap',
    'admin',
    'automatic-network',
    'suspend',
    'keysource',
  ],
  filesystem: ['fsoption'],
  rctl: ['rctl-value'],
  patch: ['obsoletes', 'incompatible'],
};

/** A small well-formedness check and parse: undefined when libxml2 would refuse the document. */
function parseXml(text: string): { doctype: string | undefined; root: XmlElement } | undefined {
  let rest = text.replace(/^\uFEFF/, '');
  let doctype: string | undefined;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (;;) {
    const lt = rest.indexOf('<');
    const before = lt < 0 ? rest : rest.slice(0, lt);
    if (before.trim() !== '' && stack.length === 0) return undefined; // text outside the root element
    if (lt < 0) break;
    rest = rest.slice(lt);
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return undefined;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return undefined;
      rest = rest.slice(end + 3);
    } else if (rest.startsWith('<!DOCTYPE')) {
      const end = rest.indexOf('>');
      if (end < 0 || root) return undefined;
      doctype = rest.slice(0, end + 1);
      rest = rest.slice(end + 1);
    } else if (rest.startsWith('</')) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest);
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) return undefined;
      rest = rest.slice(m[0].length);
    } else {
      const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(rest);
      if (!m) return undefined;
      const attrs = new Map<string, string>();
      for (const a of (m[2] ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (attrs.has(a[1] ?? '')) return undefined;
        attrs.set(a[1] ?? '', unescapeAttr(a[2] ?? a[3] ?? ''));
      }
      const el: XmlElement = { name: m[1] ?? '', attrs, children: [] };
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root)
        return undefined; // a second root element
      else root = el;
      if (m[3] !== '/') stack.push(el);
      rest = rest.slice(m[0].length);
    }
  }
  return root && stack.length === 0 ? { doctype, root } : undefined;
}

/** xmlValidateDocument against zonecfg.dtd.1: DOCTYPE zone, required attributes, allowed children. */
function validates(el: XmlElement): boolean {
  const required = REQUIRED_ATTRS[el.name];
  if (!required || required.some((a) => !el.attrs.has(a))) return false;
  if (el.name === 'zone' && !['true', 'false'].includes(el.attrs.get('autoboot') ?? '')) return false;
  if (el.name === 'attr' && !['boolean', 'int', 'string', 'uint'].includes(el.attrs.get('type') ?? '')) return false;
  const allowed = CHILDREN[el.name] ?? [];
  return el.children.every((c) => allowed.includes(c.name) && validates(c));
}

/**
 * zonecfg_attach_manifest (Solaris 11.0 libzonecfg.c): xmlReadFd, then xmlValidateDocument; either
 * failing is Z_INVALID_DOCUMENT. undefined = invalid.
 */
export function readManifest(text: string): AttachManifest | undefined {
  const doc = parseXml(text);
  if (!doc || !doc.doctype || !/^<!DOCTYPE\s+zone\b/.test(doc.doctype) || doc.root.name !== 'zone') return undefined;
  if (!validates(doc.root)) return undefined;
  const a = doc.root.attrs;
  return { name: a.get('name') ?? '', zonepath: a.get('zonepath') ?? '', brand: a.get('brand') ?? '' };
}

/** Compares dotted package versions numerically (11.4.42.111.0). */
export function compareVersions(a: string, b: string): number {
  // Dotted numbers compare numerically (11.4.42.111.0); any other part (an OmniOS build tag) as text.
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x = '', y = ''] = [pa[i], pb[i]];
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
