import { zoneArg } from './commandArgs';
import { outputLines } from './outputLines';
import { InvalidArgumentError, ParseError } from './parseError';

export interface ZoneResource {
  type: string;
  /** Properties written as `set prop=value` inside the resource. */
  props: Record<string, string>;
  /**
   * Properties written as `add prop value` inside the resource, in order: rctl `value`
   * entries like `(priv=privileged,limit=1073741824,action=deny)` and fs `options`.
   * Absent when there are none.
   */
  listProps?: Record<string, string[]>;
}

export interface ZoneConfig {
  /** `brand`, `zonepath`, `autoboot`, `bootargs`, `ip-type`, ... The leading `create -b` is implied. */
  globals: Record<string, string>;
  resources: ZoneResource[];
}

export function zonecfgExport(zone: string): readonly string[] {
  return ['zonecfg', '-z', zoneArg(zone), 'export'];
}

/** Reads a command file (an export) on stdin; zonecfg commits it at EOF. */
export function zonecfgImport(zone: string): readonly string[] {
  return ['zonecfg', '-z', zoneArg(zone), '-f', '-'];
}

export function zonecfgSet(zone: string, prop: string, value: string): readonly string[] {
  return ['zonecfg', '-z', zoneArg(zone), 'set', `${checkedName(prop)}=${zonecfgValue(value)}`];
}

/** Several subcommands in one zonecfg invocation, e.g. `add device; set id=1; end`. */
export function zonecfgRun(zone: string, commands: string[]): readonly string[] {
  return ['zonecfg', '-z', zoneArg(zone), commands.join('; ')];
}

/** `-F` because without a tty zonecfg refuses to ask for confirmation. */
export function zonecfgDelete(zone: string): readonly string[] {
  return ['zonecfg', '-z', zoneArg(zone), 'delete', '-F'];
}

export function zonecfgInfo(zone: string, resourceOrProp?: string): readonly string[] {
  return ['zonecfg', '-z', zoneArg(zone), 'info', ...(resourceOrProp === undefined ? [] : [resourceOrProp])];
}

const namePattern = /^[A-Za-z0-9_.:-]+$/;

// A value written as a bracketed list or a parenthesised complex value is zonecfg syntax,
// not a string, and must stay unquoted to keep its meaning.
const structuredValuePattern = /^(\[[^\s;"[\]()]*\]|\([^\s;"[\]()]*\))$/;

// Characters the zonecfg lexer treats specially outside quotes.
const needsQuotesPattern = /[\s;=[\]()#]/;

/** Whether `text` has a C0 control character other than tab, or DEL: no zone configuration has them. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** Writes a value the way zonecfg reads it back unchanged. zonecfg has no escape for `"`. */
export function zonecfgValue(value: string): string {
  if (value.includes('"') || hasControlCharacter(value)) {
    throw new InvalidArgumentError(
      `zonecfg value ${JSON.stringify(value)} cannot contain a double quote or a control character`,
    );
  }
  if (structuredValuePattern.test(value) || !needsQuotesPattern.test(value)) return value;
  return `"${value}"`;
}

function checkedName(name: string): string {
  if (!namePattern.test(name))
    throw new InvalidArgumentError(`invalid zonecfg property or resource name ${JSON.stringify(name)}`);
  return name;
}

const exportCommand = 'zonecfg export';

/** A zone's exported configuration is a few KiB; a host printing more is not to be trusted with the worker's time. */
export const EXPORT_LIMIT_BYTES = 1024 * 1024;

/**
 * The global properties zmig carries to the target (those zonecfg export writes on Solaris 11 and
 * illumos; `cpu-arch` is a Kernel Zone's CPU migration class, solaris-kz(7)). Anything else, `zonename` above all (a rename would configure another zone), is refused.
 */
const COPIED_GLOBALS = new Set([
  'zonepath',
  'brand',
  'autoboot',
  'autoshutdown',
  'file-mac-profile',
  'bootargs',
  'pool',
  'limitpriv',
  'scheduling-class',
  'ip-type',
  'hostid',
  'fs-allowed',
  'tenant',
  'cpu-arch',
]);

/** Parses `zonecfg -z Z export` output (also the same text after fixBootargsQuoting). */
export function parseZonecfgExport(text: string): ZoneConfig {
  if (text.length > EXPORT_LIMIT_BYTES)
    throw new ParseError(exportCommand, `${text.slice(0, 60)}…`, `${text.length} bytes, more than 1 MiB`);
  const config: ZoneConfig = { globals: {}, resources: [] };
  let open: ZoneResource | undefined;
  for (const rawLine of outputLines(text)) {
    const line = rawLine.trim();
    const fail = (reason: string) => new ParseError(exportCommand, rawLine, reason);
    if (hasControlCharacter(rawLine)) throw fail('contains a control character');
    if (line.startsWith('#')) continue;
    const [word] = line.split(/\s+/, 1);
    const rest = line.slice(word?.length ?? 0).trim();
    switch (word) {
      case 'create':
        if (rest !== '-b' || open !== undefined) throw fail('only a leading "create -b" is understood');
        break;
      case 'set': {
        const match = /^([A-Za-z0-9_.:-]+)=(.*)$/s.exec(rest);
        if (match === null) throw fail('expected "set prop=value"');
        const [, prop = '', value = ''] = match;
        if (open === undefined && !COPIED_GLOBALS.has(prop))
          throw fail(`global property "${prop}" is not one zmig copies`);
        (open?.props ?? config.globals)[prop] = unquote(value, fail);
        break;
      }
      case 'add': {
        if (open === undefined) {
          if (!namePattern.test(rest)) throw fail('expected "add <resource-type>"');
          open = { type: rest, props: {} };
          break;
        }
        const match = /^([A-Za-z0-9_.:-]+)\s+(.+)$/s.exec(rest);
        if (match === null) throw fail('expected "add prop value" inside a resource');
        const [, prop = '', value = ''] = match;
        open.listProps ??= {};
        (open.listProps[prop] ??= []).push(unquote(value, fail));
        break;
      }
      case 'end':
        if (open === undefined || rest !== '') throw fail('"end" without an open resource');
        config.resources.push(open);
        open = undefined;
        break;
      default:
        throw fail('unknown zonecfg command');
    }
  }
  if (open !== undefined) throw new ParseError(exportCommand, `add ${open.type}`, 'resource is never ended');
  return config;
}

/**
 * A quoted value is taken verbatim; an unquoted one as written, which also accepts the
 * unquoted multi-word `bootargs` that Solaris 11.1 exports.
 */
function unquote(value: string, fail: (reason: string) => ParseError): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"')) {
    if (trimmed.length < 2 || !trimmed.endsWith('"') || trimmed.slice(1, -1).includes('"')) {
      throw fail('unbalanced double quotes');
    }
    return trimmed.slice(1, -1);
  }
  if (trimmed.includes('"')) throw fail('stray double quote');
  return trimmed;
}

/**
 * Writes a config as a zonecfg command file. Empty values are left out, as zonecfg export
 * does. Throws on values zonecfg cannot represent (a `"` or a line break). `first` resources
 * come right after `create -b`, before any property that could fail.
 */
export function renderZonecfgExport(config: ZoneConfig, first: readonly ZoneResource[] = []): string {
  const setLines = (props: Record<string, string>) =>
    Object.entries(props)
      .filter(([, value]) => value !== '')
      .map(([prop, value]) => `set ${checkedName(prop)}=${zonecfgValue(value)}`);
  const lines = ['create -b'];
  const addResource = (resource: ZoneResource) => {
    lines.push(`add ${checkedName(resource.type)}`, ...setLines(resource.props));
    for (const [prop, values] of Object.entries(resource.listProps ?? {})) {
      for (const value of values) lines.push(`add ${checkedName(prop)} ${zonecfgValue(value)}`);
    }
    lines.push('end');
  };
  first.forEach(addResource);
  lines.push(...setLines(config.globals));
  config.resources.forEach(addResource);
  return `${lines.join('\n')}\n`;
}

/**
 * What of `intended` a host's config lacks: global properties with another value, and resources
 * with no equal counterpart. Properties the host adds itself (release defaults) are not differences.
 */
export function missingFromConfig(intended: ZoneConfig, actual: ZoneConfig): string[] {
  const missing = Object.entries(intended.globals)
    .filter(([prop, value]) => value !== '' && actual.globals[prop] !== value)
    .map(([prop, value]) => `${prop}=${value} (is ${actual.globals[prop] ?? 'unset'})`);
  const unmatched = [...actual.resources];
  for (const resource of intended.resources) {
    const at = unmatched.findIndex((candidate) => resourceCovers(candidate, resource));
    if (at < 0) missing.push(`${resource.type} resource ${describeResource(resource)}`);
    else unmatched.splice(at, 1);
  }
  return missing;
}

/**
 * Properties an export may print differently for the same config: Solaris 11.0's export_func
 * prints an anet's `configure-allowed-address` from the net table (zonecfg.c), so its value there
 * says nothing about the anet.
 */
const UNRELIABLE_IN_EXPORT: Record<string, readonly string[]> = { anet: ['configure-allowed-address'] };

function resourceCovers(actual: ZoneResource, intended: ZoneResource): boolean {
  if (actual.type !== intended.type) return false;
  const unreliable = UNRELIABLE_IN_EXPORT[intended.type] ?? [];
  const propsMatch = Object.entries(intended.props).every(
    ([prop, value]) => value === '' || unreliable.includes(prop) || actual.props[prop] === value,
  );
  const listsMatch = Object.entries(intended.listProps ?? {}).every(
    ([prop, values]) => JSON.stringify(actual.listProps?.[prop] ?? []) === JSON.stringify(values),
  );
  return propsMatch && listsMatch;
}

function describeResource(resource: ZoneResource): string {
  const props = Object.entries(resource.props).filter(([, value]) => value !== '');
  return props.length ? props.map(([prop, value]) => `${prop}=${value}`).join(',') : '(no properties)';
}

/**
 * Solaris 11.1 exports `set bootargs=-m verbose` unquoted, which zonecfg then cannot read
 * back. Quotes such a value, like the `gsed '/bootargs=/ s,(=|$),\1",g'` in docs/procedures.md#coldmove; a value
 * that already contains quotes is left alone.
 */
export function fixBootargsQuoting(text: string): string {
  if (text.length > EXPORT_LIMIT_BYTES) return text;
  // Line by line, with string operations only: a regex over the whole text backtracked
  // quadratically on a long run of spaces (80k spaces: 12 s of a blocked event loop).
  return text
    .split('\n')
    .map((line) => {
      const head = /^[ \t]*set[ \t]+bootargs=/.exec(line)?.[0];
      if (head === undefined) return line;
      const rest = line.slice(head.length);
      const cr = rest.endsWith('\r') ? '\r' : '';
      const body = rest.slice(0, rest.length - cr.length);
      if (body.includes('"')) return line;
      const value = body.trimEnd();
      return `${head}"${value}"${body.slice(value.length)}${cr}`;
    })
    .join('\n');
}

export const zoneMarkerAttrName = 'zmig-migration';

/** The attr resource zmig adds to a config it creates, so undo can prove the config is its own. */
export function zoneMarkerAttr(migrationId: string): ZoneResource {
  return { type: 'attr', props: { name: zoneMarkerAttrName, type: 'string', value: migrationId } };
}

/** The migration id in a config's zmig marker, if it has one. */
export function findZoneMarker(config: ZoneConfig): string | undefined {
  return config.resources.find((r) => r.type === 'attr' && r.props.name === zoneMarkerAttrName)?.props.value;
}

/** The config without any zmig marker (a zone moved before carries its earlier migration's). */
export function withoutZoneMarker(config: ZoneConfig): ZoneConfig {
  return {
    ...config,
    resources: config.resources.filter((r) => !(r.type === 'attr' && r.props.name === zoneMarkerAttrName)),
  };
}

const infoCommand = 'zonecfg info';

/**
 * Parses `zonecfg -z Z info [what]`: top-level `prop: value` lines, and `resource:` lines
 * followed by indented `prop: value` lines. `prop not specified` lines are skipped, and
 * bracketed alias lines like `[swap: 2G]` are read as plain properties. A property printed
 * more than once in one resource (rctl `value`) goes to listProps.
 */
export function parseZonecfgInfo(text: string): ZoneConfig {
  const config: ZoneConfig = { globals: {}, resources: [] };
  let open: ZoneResource | undefined;
  const lines = outputLines(text);
  lines.forEach((rawLine, index) => {
    const indented = /^\s/.test(rawLine);
    const line = rawLine.trim().replace(/^\[(.*)\]$/, '$1');
    if (/^[A-Za-z0-9_.:-]+ not specified$/.test(line)) return;
    const match = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/s.exec(line);
    if (match === null) throw new ParseError(infoCommand, rawLine, 'expected "prop: value"');
    const [, key = '', value = ''] = match;
    if (indented) {
      if (open === undefined) throw new ParseError(infoCommand, rawLine, 'indented property outside a resource');
      addInfoProp(open, key, value);
      return;
    }
    open = undefined;
    const next = lines[index + 1];
    if (value === '' && next !== undefined && /^\s/.test(next)) {
      open = { type: key, props: {} };
      config.resources.push(open);
    } else {
      config.globals[key] = value;
    }
  });
  return config;
}

function addInfoProp(resource: ZoneResource, key: string, value: string): void {
  const listed = resource.listProps?.[key];
  if (listed !== undefined) {
    listed.push(value);
    return;
  }
  const previous = resource.props[key];
  if (previous === undefined) {
    resource.props[key] = value;
    return;
  }
  delete resource.props[key];
  resource.listProps = { ...resource.listProps, [key]: [previous, value] };
}

/** Names of the datasets delegated to the zone (`dataset` resources). */
export function datasetResources(config: ZoneConfig): string[] {
  return propsOf(config, 'dataset', 'name');
}

export interface BootLink {
  /** The datalink that must exist in the target's global zone when the zone boots. */
  link: string;
  /** Which resource names it, for messages: `net physical` or `anet net0 lower-link`. */
  usedBy: string;
}

/**
 * A shared-IP zone's interfaces: each `net` `physical` names a global-zone IP interface (on
 * Solaris 11 named after its datalink, `net0`) that must be up there for the zone's address to come
 * up. A missing one does not stop the boot: zoneadm prints "WARNING: skipping network interface '%s'
 * which may not be present/plumbed in the global zone." and boots without it (illumos zoneadm.c
 * verify_handle, ZS_SHARED).
 */
export function sharedIpInterfaces(config: ZoneConfig): { physical: string; address: string }[] {
  if (config.globals['ip-type'] !== 'shared') return [];
  return config.resources.flatMap((r) =>
    r.type === 'net' && r.props['physical']
      ? [{ physical: r.props['physical'], address: r.props['address'] ?? '' }]
      : [],
  );
}

/**
 * The datalinks an exclusive-IP zone needs at boot (zoneadm verify_handle, zoneadmd vplat.c):
 * every `net` `physical` (a VNIC, a NIC or an aggregation) and every `anet` `lower-link` except
 * `auto`, which zoneadmd picks itself. An `anet`'s `linkname` is created at boot. A shared-IP
 * zone's `physical` names a global-zone IP interface, and a missing one only warns: none there.
 */
export function bootLinks(config: ZoneConfig): BootLink[] {
  if ((config.globals['ip-type'] ?? 'exclusive') !== 'exclusive') return [];
  return config.resources.flatMap((r): BootLink[] => {
    const physical = r.props['physical'];
    if (r.type === 'net' && physical) return [{ link: physical, usedBy: 'net physical' }];
    const lower = r.props['lower-link'];
    if (r.type === 'anet' && lower && lower !== 'auto')
      return [{ link: lower, usedBy: ['anet', r.props['linkname'], 'lower-link'].filter(Boolean).join(' ') }];
    return [];
  });
}

function propsOf(config: ZoneConfig, type: string, prop: string): string[] {
  return config.resources.flatMap((r) => {
    const value = r.type === type ? r.props[prop] : undefined;
    return value === undefined ? [] : [value];
  });
}
