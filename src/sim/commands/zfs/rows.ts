import {
  canonicalProp,
  displayValue,
  isUserProp,
  isWrittenAt,
  NATIVE,
  propertyOf,
  snapshotPropertyOf,
  writtenAt,
  type PropValue,
} from '../../model/zfsProps';
import type { SimRelease } from '../../model/release';
import { splitSnapshot, type ZfsState } from '../../model/zfsState';
import { filesystemAtPath } from '../../model/zfsPath';
import type { Dataset, Snapshot } from '../../model/zfsTypes';

/** One filesystem, volume or snapshot as zfs list / get iterate them. */
export interface Item {
  name: string;
  type: 'filesystem' | 'volume' | 'snapshot';
  dataset: Dataset;
  snapshot?: Snapshot;
}

export function itemProperty(zfs: ZfsState, item: Item, prop: string): PropValue {
  if (isWrittenAt(prop)) return writtenAt(item.dataset, item.snapshot, prop);
  return item.snapshot
    ? snapshotPropertyOf(zfs, item.dataset, item.snapshot, prop)
    : propertyOf(zfs, item.dataset, prop);
}

/**
 * The RECEIVED column of `zfs get -o received`: the value a send stream brought, whether or not a
 * local value or an inherit overrides it (zfs_main.c get_callback → zfs_prop_get_recvd), else `-`.
 */
export function receivedValue(item: Item, prop: string, parsable: boolean): string {
  const received = item.snapshot ? item.snapshot.receivedProps?.[prop] : item.dataset.received[prop];
  if (received === undefined) return '-';
  return isUserProp(prop) ? received : displayValue(prop, received, parsable);
}

export function formatted(zfs: ZfsState, item: Item, prop: string, parsable: boolean): string {
  return displayValue(prop, itemProperty(zfs, item, prop).value, parsable);
}

const TYPE_NAMES: Record<string, Item['type'][]> = {
  filesystem: ['filesystem'],
  volume: ['volume'],
  snapshot: ['snapshot'],
  snap: ['snapshot'],
  all: ['filesystem', 'volume', 'snapshot'],
};

/** Parses `-t a,b`; undefined on an unknown type. */
export function parseTypes(spec: string): Item['type'][] | undefined {
  const types = new Set<Item['type']>();
  for (const name of spec.split(',')) {
    const known = TYPE_NAMES[name];
    if (!known) return undefined;
    known.forEach((t) => types.add(t));
  }
  return [...types];
}

/**
 * Whether this release knows a property name. `written` and `written@<snap>` came with illumos
 * 1645 (2011); a release without them rejects the name like any unknown one (observed on
 * zfs-fuse 0.7: `bad property list: invalid property 'written'`).
 */
export function knownProp(release: SimRelease, name: string): string | undefined {
  if (isWrittenAt(name)) return release.zfs.written ? name : undefined;
  const canonical = canonicalProp(name);
  if (canonical === 'written' && !release.zfs.written) return undefined;
  return canonical;
}

/** Parses a property list (`-o` or zfs get's list); returns the bad name on failure. */
export function parseProps(release: SimRelease, spec: string): string[] | { bad: string } {
  const props: string[] = [];
  for (const name of spec.split(',')) {
    const canonical = knownProp(release, name);
    if (!canonical) return { bad: name };
    props.push(canonical);
  }
  return props;
}

/**
 * The items to show for operands (or every pool when there are none), recursing `depth` levels
 * (Infinity for -r, 0 without). A dataset comes before its snapshots, snapshots in createtxg order.
 * Returns the operands that do not exist too.
 */
export function collect(
  zfs: ZfsState,
  operands: string[],
  depth: number,
  types: Item['type'][],
  snapshotsOfNamed: boolean,
): { items: Item[]; missing: string[]; notZfs: string[] } {
  const items: Item[] = [];
  const missing: string[] = [];
  const notZfs: string[] = [];
  const seen = new Set<string>();
  const push = (item: Item): void => {
    if (seen.has(item.name) || !types.includes(item.type)) return;
    seen.add(item.name);
    items.push(item);
  };
  const withSnapshots = (dataset: Dataset): void => {
    push({ name: dataset.name, type: dataset.type, dataset });
    for (const snapshot of dataset.snapshots)
      push({ name: `${dataset.name}@${snapshot.name}`, type: 'snapshot', dataset, snapshot });
  };
  const walk = (root: Dataset, levels: number, includeSnapshots: boolean): void => {
    if (includeSnapshots) withSnapshots(root);
    else push({ name: root.name, type: root.type, dataset: root });
    for (const d of zfs.descendants(root.name)) {
      const level = d.name.slice(root.name.length).split('/').length - 1;
      if (level <= levels) withSnapshots(d);
    }
  };
  const roots = operands.length > 0 ? operands : [...zfs.pools.keys()].sort();
  const recurse = operands.length === 0 ? Infinity : depth;
  for (const operand of roots) {
    // libzfs zfs_path_to_zhandle: an operand starting with '/' or './' is a path, resolved to the filesystem holding it.
    if (operand.startsWith('/')) {
      const holder = filesystemAtPath(zfs, operand);
      if (holder) walk(holder, recurse, recurse > 0 || snapshotsOfNamed);
      else notZfs.push(operand);
      continue;
    }
    const [fs, snap] = splitSnapshot(operand);
    const dataset = zfs.get(fs);
    if (snap !== undefined) {
      const snapshot = dataset?.snapshots.find((s) => s.name === snap);
      if (dataset && snapshot) push({ name: operand, type: 'snapshot', dataset, snapshot });
      else missing.push(operand);
      continue;
    }
    if (!dataset) {
      missing.push(operand);
      continue;
    }
    walk(dataset, recurse, recurse > 0 || operands.length === 0 || snapshotsOfNamed);
  }
  return { items, missing, notZfs };
}

/** Whether a column is numeric (right-aligned in human output). */
export function isNumeric(prop: string): boolean {
  const kind = NATIVE[isWrittenAt(prop) ? 'written' : prop]?.kind;
  return kind === 'bytes' || kind === 'quota' || kind === 'number';
}
