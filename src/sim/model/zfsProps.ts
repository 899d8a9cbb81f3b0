import type { Dataset, Snapshot } from './zfsTypes';
import { parentName, type ZfsState } from './zfsState';
import { BLOCK_SIZE } from './content';
import { nicenum, parseSize } from './sizes';

type Kind = 'bytes' | 'quota' | 'time' | 'text' | 'number';
type Applies = 'filesystem' | 'volume' | 'snapshot';

interface NativeProp {
  kind: Kind;
  inherit: boolean;
  readonly: boolean;
  defaultValue?: string;
  applies: Applies[];
  /** Allowed values for enumerated properties. */
  values?: string[];
}

const ALL: Applies[] = ['filesystem', 'volume', 'snapshot'];
const DATASETS: Applies[] = ['filesystem', 'volume'];
const ON_OFF = ['on', 'off'];

const ro = (kind: Kind, applies: Applies[] = ALL): NativeProp => ({ kind, inherit: false, readonly: true, applies });

/** The native properties the simulator knows; anything with a `:` is a user property. */
export const NATIVE: Record<string, NativeProp> = {
  name: ro('text'),
  type: ro('text'),
  creation: ro('time'),
  used: ro('bytes'),
  available: ro('bytes', DATASETS),
  referenced: ro('bytes'),
  written: ro('bytes'),
  usedbysnapshots: ro('bytes', DATASETS),
  usedbydataset: ro('bytes', DATASETS),
  usedbychildren: ro('bytes', DATASETS),
  guid: ro('number'),
  createtxg: ro('number'),
  // User holds on a snapshot (Solaris 11.0 zfs_prop.c: ZFS_PROP_USERREFS, snapshots only).
  userrefs: ro('number', ['snapshot']),
  mounted: ro('text', ['filesystem']),
  origin: ro('text', DATASETS),
  mountpoint: { kind: 'text', inherit: true, readonly: false, applies: ['filesystem'] },
  zoned: { kind: 'text', inherit: true, readonly: false, defaultValue: 'off', applies: DATASETS, values: ON_OFF },
  canmount: {
    kind: 'text',
    inherit: false,
    readonly: false,
    defaultValue: 'on',
    applies: ['filesystem'],
    values: ['on', 'off', 'noauto'],
  },
  quota: { kind: 'quota', inherit: false, readonly: false, defaultValue: '0', applies: ['filesystem'] },
  refquota: { kind: 'quota', inherit: false, readonly: false, defaultValue: '0', applies: ['filesystem'] },
  reservation: { kind: 'quota', inherit: false, readonly: false, defaultValue: '0', applies: DATASETS },
  refreservation: { kind: 'quota', inherit: false, readonly: false, defaultValue: '0', applies: DATASETS },
  compression: {
    kind: 'text',
    inherit: true,
    readonly: false,
    defaultValue: 'off',
    applies: DATASETS,
    values: ['on', 'off', 'lzjb', 'gzip', 'zle', 'lz4'],
  },
  readonly: { kind: 'text', inherit: true, readonly: false, defaultValue: 'off', applies: DATASETS, values: ON_OFF },
  atime: { kind: 'text', inherit: true, readonly: false, defaultValue: 'on', applies: ['filesystem'], values: ON_OFF },
  recordsize: { kind: 'bytes', inherit: true, readonly: false, defaultValue: '131072', applies: ['filesystem'] },
  volsize: { kind: 'bytes', inherit: false, readonly: false, applies: ['volume'] },
  volblocksize: { kind: 'bytes', inherit: false, readonly: true, defaultValue: '8192', applies: ['volume'] },
};

const ALIASES: Record<string, string> = {
  avail: 'available',
  refer: 'referenced',
  compress: 'compression',
  reserv: 'reservation',
  recsize: 'recordsize',
  rdonly: 'readonly',
};

export function isUserProp(name: string): boolean {
  return name.includes(':');
}

/** The canonical property name, or undefined when zfs would call it invalid. */
export function canonicalProp(name: string): string | undefined {
  if (isUserProp(name)) return name;
  const canonical = ALIASES[name] ?? name;
  return canonical in NATIVE ? canonical : undefined;
}

export interface PropValue {
  value: string;
  source: string;
}

const NONE: PropValue = { value: '-', source: '-' };

function format(prop: NativeProp, raw: string, parsable: boolean): string {
  if (parsable) return raw;
  const n = Number(raw);
  if (prop.kind === 'bytes') return nicenum(n);
  if (prop.kind === 'quota') return n === 0 ? 'none' : nicenum(n);
  if (prop.kind === 'time') return formatCreation(n);
  return raw;
}

/** `Sat Nov 21 23:55 2026`, the ctime-like form zfs prints for `creation`. */
function formatCreation(seconds: number): string {
  const d = new Date(seconds * 1000);
  const day = d.toLocaleString('en-US', { weekday: 'short' });
  const month = d.toLocaleString('en-US', { month: 'short' });
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${day} ${month} ${String(d.getDate()).padStart(2, ' ')} ${hh}:${mm} ${d.getFullYear()}`;
}

/**
 * The source of a value a dataset or snapshot holds itself: `received` while it is the value a send
 * stream brought and nothing set it locally since, else `local` (libzfs zfs_prop_get: "$recvd"
 * source → ZPROP_SRC_RECEIVED; local overrides received, dsl_prop.c dsl_prop_get_dd).
 */
function ownSource(
  values: Record<string, string>,
  received: Record<string, string> | undefined,
  overrides: Set<string> | undefined,
  name: string,
): string {
  const value = received?.[name];
  return value !== undefined && value === values[name] && !overrides?.has(name) ? 'received' : 'local';
}

function datasetSource(dataset: Dataset, name: string): string {
  return ownSource(dataset.props, dataset.received, dataset.localOverrides, name);
}

function userProp(zfs: ZfsState, dataset: Dataset, name: string): PropValue {
  const local = dataset.props[name];
  if (local !== undefined) return { value: local, source: datasetSource(dataset, name) };
  for (let up = parentName(dataset.name); up; up = parentName(up)) {
    const value = zfs.get(up)?.props[name];
    if (value !== undefined) return { value, source: `inherited from ${up}` };
  }
  return NONE;
}

function mountpoint(zfs: ZfsState, dataset: Dataset): PropValue {
  for (let at: string | undefined = dataset.name; at; at = parentName(at)) {
    const value = zfs.get(at)?.props.mountpoint;
    if (value === undefined) continue;
    const suffix = dataset.name.slice(at.length);
    const inherited = at !== dataset.name;
    if (value === 'none' || value === 'legacy' || !inherited) {
      return { value, source: inherited ? `inherited from ${at}` : datasetSource(dataset, 'mountpoint') };
    }
    return { value: `${value === '/' ? '' : value}${suffix}`, source: `inherited from ${at}` };
  }
  return { value: `/${dataset.name}`, source: 'default' };
}

function inheritable(zfs: ZfsState, dataset: Dataset, name: string, prop: NativeProp): PropValue {
  for (let at: string | undefined = dataset.name; at; at = parentName(at)) {
    const value = zfs.get(at)?.props[name];
    if (value !== undefined)
      return { value, source: at === dataset.name ? datasetSource(dataset, name) : `inherited from ${at}` };
  }
  return { value: prop.defaultValue ?? '-', source: 'default' };
}

function readonlyRaw(zfs: ZfsState, dataset: Dataset, name: string): string {
  switch (name) {
    case 'name':
      return dataset.name;
    case 'type':
      return dataset.type;
    case 'creation':
      return String(dataset.creation);
    case 'used':
      return String(zfs.used(dataset));
    case 'available':
      return String(zfs.available(dataset));
    case 'referenced':
      return String(zfs.referenced(dataset.blocks));
    case 'written':
      return String(zfs.written(dataset));
    case 'usedbysnapshots':
      return String(zfs.usedBySnapshots(dataset));
    case 'usedbydataset':
      return String(zfs.referenced(dataset.blocks));
    case 'usedbychildren':
      return String(zfs.children(dataset.name).reduce((sum, child) => sum + zfs.used(child), 0));
    case 'guid':
      return dataset.guid;
    case 'createtxg':
      return String(dataset.createtxg);
    case 'origin':
      return '-';
    case 'mounted':
      return isMounted(dataset) ? 'yes' : 'no';
    default:
      return dataset.props[name] ?? NATIVE[name]?.defaultValue ?? '-';
  }
}

/** Mounted in the global zone (zoned datasets are mounted by their zone, never counted here). */
export function isMounted(dataset: Dataset): boolean {
  return dataset.type === 'filesystem' && dataset.mounted;
}

/** A property of a filesystem or volume, unformatted (bytes as integers, times as epoch seconds). */
export function propertyOf(zfs: ZfsState, dataset: Dataset, name: string): PropValue {
  if (isUserProp(name)) return userProp(zfs, dataset, name);
  const prop = NATIVE[name];
  if (!prop || !prop.applies.includes(dataset.type)) return NONE;
  if (name === 'mountpoint') return mountpoint(zfs, dataset);
  if (prop.inherit) return inheritable(zfs, dataset, name, prop);
  if (prop.readonly) return { value: readonlyRaw(zfs, dataset, name), source: '-' };
  const local = dataset.props[name];
  if (local !== undefined) return { value: local, source: datasetSource(dataset, name) };
  return { value: prop.defaultValue ?? '-', source: 'default' };
}

/** A property of a snapshot, unformatted; user properties inherit from the snapshot's dataset. */
export function snapshotPropertyOf(zfs: ZfsState, dataset: Dataset, snapshot: Snapshot, name: string): PropValue {
  if (isUserProp(name)) {
    const local = snapshot.userProps[name];
    if (local !== undefined) {
      return {
        value: local,
        source: ownSource(snapshot.userProps, snapshot.receivedProps, snapshot.localOverrides, name),
      };
    }
    const inherited = userProp(zfs, dataset, name);
    if (inherited.source === 'local' || inherited.source === 'received') {
      return { value: inherited.value, source: `inherited from ${dataset.name}` };
    }
    return inherited;
  }
  const prop = NATIVE[name];
  if (!prop || !prop.applies.includes('snapshot')) return NONE;
  const raw: Record<string, string> = {
    name: `${dataset.name}@${snapshot.name}`,
    type: 'snapshot',
    creation: String(snapshot.creation),
    used: String(zfs.snapshotUsed(dataset, snapshot)),
    referenced: String(zfs.referenced(snapshot.blocks)),
    written: String(writtenBy(zfs, dataset, snapshot)),
    guid: snapshot.guid,
    createtxg: String(snapshot.createtxg),
    userrefs: String(snapshot.holds?.size ?? 0),
  };
  return { value: raw[name] ?? '-', source: '-' };
}

/** Bytes a snapshot added relative to the previous one. */
function writtenBy(zfs: ZfsState, dataset: Dataset, snapshot: Snapshot): number {
  const prev = dataset.snapshots[dataset.snapshots.indexOf(snapshot) - 1];
  if (!prev) return zfs.referenced(snapshot.blocks);
  let changed = 0;
  for (const [index, version] of snapshot.blocks) if (prev.blocks.get(index) !== version) changed++;
  return changed * BLOCK_SIZE;
}

/** `written@<snap>`: illumos 1645 (zfs_prop.c zfs_prop_written), a per-snapshot form of `written`. */
export function isWrittenAt(name: string): boolean {
  return name.startsWith('written@') && name.length > 'written@'.length;
}

/**
 * `written@<snap>` of a dataset (live data) or of a snapshot: bytes referenced now that were written
 * since the named earlier snapshot of the same filesystem (short name or fs@snap). libzfs
 * zfs_prop_get_written; zfs_main.c get_callback prints it with source `local`, or `-` with source
 * `-` when the snapshot does not exist or is not earlier.
 */
export function writtenAt(dataset: Dataset, snapshot: Snapshot | undefined, name: string): PropValue {
  const spec = name.slice('written@'.length);
  const [fs, snapName] = spec.includes('@') ? splitSnapshotName(spec) : [dataset.name, spec];
  const since = fs === dataset.name ? dataset.snapshots.find((s) => s.name === snapName) : undefined;
  if (!since || (snapshot && since.createtxg > snapshot.createtxg)) return NONE;
  const blocks = snapshot ? snapshot.blocks : dataset.blocks;
  let changed = 0;
  for (const [index, version] of blocks) if (since.blocks.get(index) !== version) changed++;
  return { value: String(changed * BLOCK_SIZE), source: 'local' };
}

function splitSnapshotName(full: string): [string, string] {
  const at = full.indexOf('@');
  return [full.slice(0, at), full.slice(at + 1)];
}

/** Formats a raw value the way `zfs get` / `zfs list` print it (`-p` keeps exact numbers). */
export function displayValue(name: string, value: string, parsable: boolean): string {
  const prop = NATIVE[isWrittenAt(name) ? 'written' : name];
  if (!prop || value === '-') return value;
  return format(prop, value, parsable);
}

/** Validates `zfs set name=value`; returns the libzfs reason on failure, else the value to store. */
export function validateSet(type: Dataset['type'], name: string, value: string): { error: string } | { value: string } {
  if (isUserProp(name)) return { value };
  const prop = NATIVE[name];
  if (!prop) return { error: `invalid property '${name}'` };
  if (prop.readonly) return { error: `'${name}' is readonly` };
  if (!prop.applies.includes(type)) return { error: `'${name}' does not apply to datasets of this type` };
  if (prop.values && !prop.values.includes(value))
    return { error: `'${name}' must be one of '${prop.values.join(' | ')}'` };
  if (prop.kind === 'quota') {
    if (value === 'none') return { value: '0' };
    const bytes = parseSize(value);
    return bytes === undefined ? { error: `bad numeric value '${value}'` } : { value: String(bytes) };
  }
  if (prop.kind === 'bytes') {
    const bytes = parseSize(value);
    return bytes === undefined ? { error: `bad numeric value '${value}'` } : { value: String(bytes) };
  }
  if (name === 'mountpoint' && !value.startsWith('/') && value !== 'none' && value !== 'legacy') {
    return { error: `'mountpoint' must be an absolute path, 'none', or 'legacy'` };
  }
  return { value };
}

export function isInheritable(name: string): boolean {
  return isUserProp(name) || NATIVE[name]?.inherit === true || NATIVE[name]?.readonly === false;
}

/** Where a dataset or snapshot keeps its own values, what it received, and what overrides that. */
interface OwnValues {
  values: Record<string, string>;
  received: Record<string, string>;
  overrides: Set<string>;
}

function ownValues(target: Dataset | Snapshot): OwnValues {
  if ('props' in target) return { values: target.props, received: target.received, overrides: target.localOverrides };
  target.receivedProps ??= {};
  target.localOverrides ??= new Set();
  return { values: target.userProps, received: target.receivedProps, overrides: target.localOverrides };
}

/** `zfs set` / `zfs receive -o`: a local value, which overrides any received one (dsl_prop.c ZPROP_SRC_LOCAL). */
export function setLocalProp(target: Dataset | Snapshot, name: string, value: string): void {
  const own = ownValues(target);
  own.values[name] = value;
  if (own.received[name] !== undefined) own.overrides.add(name);
  else own.overrides.delete(name);
}

/**
 * `zfs inherit`: drops the local value. Without -S the property is explicitly inherited and a
 * received value stays hidden (dsl_prop.c dsl_prop_set_sync_impl, ZPROP_SRC_INHERITED: "explicitly
 * inherit - remove propname - set propname$inherit"); with -S the received value comes back
 * (ZPROP_SRC_NONE: "revert to received value, if any"). The received value itself is kept.
 */
export function inheritProp(target: Dataset | Snapshot, name: string, revertToReceived: boolean): void {
  const own = ownValues(target);
  own.overrides.delete(name);
  const received = own.received[name];
  if (revertToReceived && received !== undefined) own.values[name] = received;
  else delete own.values[name];
}

/**
 * Properties arriving in a send stream (zfs_ioctl.c zfs_ioc_recv: `zfs_set_prop_nvlist(tofs,
 * ZPROP_SRC_RECEIVED, props, ...)`, after clearing received values the new stream no longer
 * carries). A received value takes effect unless a local value or an explicit inherit overrides it.
 */
export function applyReceivedProps(target: Dataset | Snapshot, incoming: Record<string, string>): void {
  const own = ownValues(target);
  const shown = (name: string): boolean =>
    own.received[name] !== undefined && own.values[name] === own.received[name] && !own.overrides.has(name);
  for (const name of Object.keys(own.received)) {
    if (name in incoming) continue;
    if (shown(name)) delete own.values[name];
    delete own.received[name];
  }
  for (const [name, value] of Object.entries(incoming)) {
    if (own.received[name] === undefined) {
      if (own.values[name] === undefined) own.values[name] = value;
      else own.overrides.add(name);
    } else if (shown(name)) {
      own.values[name] = value;
    }
    own.received[name] = value;
  }
}
