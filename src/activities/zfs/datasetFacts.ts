import type { ExecOptions, Host } from '../../hosts/host';
import { snapshotPrefix } from '../../contracts/migrationNaming';
import {
  ParseError,
  parseExactBytes,
  parseZfsGet,
  parseZfsList,
  zfsGet,
  zfsList,
  zfsSet,
  type ZfsGetRow,
} from '../../solaris';
import { run, runChecked, showCommand } from '../commandRunner';
import { commandFailed, preconditionFailed } from '../failures';
import { lacksFeature, noteMissingFeature } from '../hostFeatures';

/** The zfs user property that names the migration which created a dataset (own what you create). */
export const OWNER_PROPERTY = 'zmig:migration';

/** The bytes a round relayed, recorded on the received snapshot where the host has no `written`. */
export const STREAMED_PROPERTY = 'zmig:streamed';

/**
 * Only ZFS's own "dataset does not exist" means absent: any other failure (no ZFS profile, a host
 * hiccup) is thrown, so an undo that cannot see does not skip what it should destroy.
 */
export async function datasetExists(host: Host, dataset: string): Promise<boolean> {
  const argv = zfsList({ props: ['name'], datasets: [dataset] });
  const res = await run(host, argv);
  if (res.code === 0) return true;
  if (res.stderr.includes(`cannot open '${dataset}': dataset does not exist`)) return false;
  throw commandFailed({ host: host.name, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
}

export interface PropertyValue {
  value: string;
  source: string;
}

/** Properties of one dataset; missing ones (and unset user properties) come back as value '-'. */
export async function readProperties(
  host: Host,
  dataset: string,
  props: string[],
): Promise<Record<string, PropertyValue>> {
  const res = await runChecked(host, zfsGet({ props, datasets: [dataset] }));
  const out: Record<string, PropertyValue> = {};
  for (const row of parseZfsGet(res.stdout)) {
    // Only rows of the dataset and properties asked for, each once: anything else was forged.
    if (row.name !== dataset || !props.includes(row.property) || row.property in out) {
      throw new ParseError('zfs get', `${row.name}\t${row.property}`, `unexpected row for ${dataset}`);
    }
    out[row.property] = { value: row.value, source: row.source };
  }
  return out;
}

/** A property on a dataset and all its descendants. */
export async function readPropertyTree(host: Host, dataset: string, prop: string): Promise<ZfsGetRow[]> {
  const res = await runChecked(host, zfsGet({ props: [prop], datasets: [dataset], recursive: true }));
  const rows = parseZfsGet(res.stdout);
  const props = prop.split(',');
  const outside = rows.find(
    (r) =>
      !(r.name === dataset || r.name.startsWith(`${dataset}/`) || r.name.startsWith(`${dataset}@`)) ||
      !props.includes(r.property),
  );
  if (outside)
    throw new ParseError('zfs get', `${outside.name}\t${outside.property}`, `not a row of ${dataset} or below`);
  return rows;
}

/**
 * True when this migration created `dataset`: it carries a *local* owner marker naming this
 * migration, or it has no local marker and holds one of this migration's snapshots, which only its
 * stream can have brought. The second is for hosts without `zfs receive -o`, where the marker is
 * set after the receive: a crash between the two must leave a dataset that retry and undo still
 * recognise.
 */
export async function ownedBy(host: Host, dataset: string, migrationId: string): Promise<boolean> {
  const props = await readProperties(host, dataset, [OWNER_PROPERTY]);
  const owner = props[OWNER_PROPERTY];
  if (owner?.source === 'local') return owner.value === migrationId;
  const prefix = snapshotPrefix(migrationId);
  return (await listSnapshots(host, dataset)).some((snap) => snap.startsWith(prefix));
}

/** Sets this migration's owner marker on `dataset` unless it is there already. */
export async function markOwned(host: Host, dataset: string, migrationId: string): Promise<void> {
  const owner = (await readProperties(host, dataset, [OWNER_PROPERTY]))[OWNER_PROPERTY];
  if (owner?.source !== 'local' || owner.value !== migrationId)
    await runChecked(host, zfsSet(dataset, OWNER_PROPERTY, migrationId));
}

/** Refuses to touch `dataset` unless this migration created it. */
export async function requireOwnedBy(host: Host, dataset: string, migrationId: string): Promise<void> {
  if (!(await ownedBy(host, dataset, migrationId))) {
    throw preconditionFailed(`${dataset} on ${host.name} is not marked as created by this migration`);
  }
}

/** Snapshot short names (after @) of a dataset, oldest first. */
export async function listSnapshots(host: Host, dataset: string): Promise<string[]> {
  const res = await runChecked(host, zfsList({ props: ['name'], type: 'snapshot', depth: 1, datasets: [dataset] }));
  return parseZfsList(res.stdout, ['name'])
    .map((r) => r['name'] ?? '')
    .filter((n) => n.startsWith(`${dataset}@`))
    .map((n) => n.slice(dataset.length + 1));
}

/** Logical bytes used by a dataset and its descendants. */
export async function usedBytes(host: Host, dataset: string): Promise<number> {
  const props = await readProperties(host, dataset, ['used']);
  return parseExactBytes(props['used']?.value ?? '', `zfs get -p used ${dataset}`);
}

/**
 * Bytes written into the tree between the previous snapshot and @to (`written` of each dataset's
 * @to, summed): exact, and the same however often it is asked. Undefined where the host has no
 * `written` (Oracle Solaris, zfs-fuse).
 */
export async function treeWrittenBytes(host: Host, dataset: string, to: string): Promise<number | undefined> {
  if (lacksFeature(host, 'written')) return undefined;
  const argv = zfsGet({ props: ['written'], datasets: [dataset], recursive: true });
  const res = await run(host, argv);
  if (noteMissingFeature(host, 'written', res)) return undefined;
  if (res.code !== 0)
    throw commandFailed({ host: host.name, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  return sumAt(parseZfsGet(res.stdout), to);
}

/**
 * The growth of `referenced` from @from to @to over the tree: an estimate of a round's size that
 * misses data overwritten in place, for when nothing better is known.
 */
export async function treeReferencedGrowth(
  host: Host,
  dataset: string,
  to: string,
  from?: string,
): Promise<number | undefined> {
  const rows = await readPropertyTree(host, dataset, 'referenced');
  const after = snapshotValues(rows, to);
  const before = from === undefined ? new Map<string, number>() : snapshotValues(rows, from);
  if (after.size === 0) return undefined;
  return [...after].reduce((n, [fs, bytes]) => n + Math.max(0, bytes - (before.get(fs) ?? 0)), 0);
}

function sumAt(rows: ZfsGetRow[], snap: string): number | undefined {
  const values = [...snapshotValues(rows, snap).values()];
  return values.length ? values.reduce((n, v) => n + v, 0) : undefined;
}

/** Numeric values of `<fs>@<snap>` rows by filesystem; undefined values make the map empty. */
function snapshotValues(rows: ZfsGetRow[], snap: string): Map<string, number> {
  const at = rows.filter((r) => r.name.endsWith(`@${snap}`));
  if (at.some((r) => !/^\d+$/.test(r.value))) return new Map();
  return new Map(at.map((r) => [r.name.slice(0, -snap.length - 1), Number(r.value)]));
}

/** How many datasets of the tree under `dataset` have the snapshot `snap` (a recursive snapshot covers all). */
export async function treeSnapshotCount(host: Host, dataset: string, snap: string): Promise<number> {
  return (await treeSnapshots(host, dataset)).filter((s) => s.snap === snap).length;
}

export interface TreeSnapshot {
  /** The dataset of the tree that holds it. */
  dataset: string;
  /** Its short name (after @). */
  snap: string;
}

/**
 * Every snapshot of `dataset` and its descendants, in one command. `opts.signal` lets a clean-up
 * that runs after the activity was cancelled read what the cancel left.
 */
export async function treeSnapshots(host: Host, dataset: string, opts: ExecOptions = {}): Promise<TreeSnapshot[]> {
  const res = await runChecked(
    host,
    zfsList({ props: ['name'], type: 'snapshot', recursive: true, datasets: [dataset] }),
    opts,
  );
  return parseZfsList(res.stdout, ['name']).map((r) => {
    const name = r['name'] ?? '';
    const at = name.indexOf('@');
    const fs = name.slice(0, at);
    // Rows outside the tree asked about were forged: they must not steer what gets destroyed.
    if (at < 0 || !(fs === dataset || fs.startsWith(`${dataset}/`)))
      throw new ParseError('zfs list', name, `not a snapshot of ${dataset} or below`);
    return { dataset: fs, snap: name.slice(at + 1) };
  });
}
