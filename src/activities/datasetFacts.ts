import type { Host } from '../hosts/host';
import { parseZfsGet, parseZfsList, zfsGet, zfsList, type ZfsGetRow } from '../solaris';
import { run, runChecked } from './commandRunner';

/** The zfs user property that names the migration which created a dataset (own what you create). */
export const OWNER_PROPERTY = 'zmig:migration';

export async function datasetExists(host: Host, dataset: string): Promise<boolean> {
  const res = await run(host, zfsList({ props: ['name'], datasets: [dataset] }));
  return res.code === 0;
}

export interface PropertyValue {
  value: string;
  source: string;
}

/** Properties of one dataset; missing ones (and unset user properties) come back as value '-'. */
export async function readProperties(host: Host, dataset: string, props: string[]): Promise<Record<string, PropertyValue>> {
  const res = await runChecked(host, zfsGet({ props, datasets: [dataset] }));
  const out: Record<string, PropertyValue> = {};
  for (const row of parseZfsGet(res.stdout)) out[row.property] = { value: row.value, source: row.source };
  return out;
}

/** A property on a dataset and all its descendants. */
export async function readPropertyTree(host: Host, dataset: string, prop: string): Promise<ZfsGetRow[]> {
  const res = await runChecked(host, zfsGet({ props: [prop], datasets: [dataset], recursive: true }));
  return parseZfsGet(res.stdout);
}

/** True when `dataset` carries a *local* owner marker naming this migration. */
export async function ownedBy(host: Host, dataset: string, migrationId: string): Promise<boolean> {
  const props = await readProperties(host, dataset, [OWNER_PROPERTY]);
  const owner = props[OWNER_PROPERTY];
  return owner?.source === 'local' && owner.value === migrationId;
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
  return Number(props['used']?.value ?? 0);
}

/**
 * Bytes written into the tree between the previous snapshot and `snap` (the `written` property of
 * each dataset's @snap, summed): the size of that round, the same however often it is asked.
 */
export async function treeWrittenBytes(host: Host, dataset: string, snap: string): Promise<number | undefined> {
  const rows = (await readPropertyTree(host, dataset, 'written')).filter((r) => r.name.endsWith(`@${snap}`));
  if (!rows.length || rows.some((r) => !/^\d+$/.test(r.value))) return undefined;
  return rows.reduce((n, r) => n + Number(r.value), 0);
}

/** How many datasets of the tree under `dataset` have the snapshot `snap` (a recursive snapshot covers all). */
export async function treeSnapshotCount(host: Host, dataset: string, snap: string): Promise<number> {
  const res = await runChecked(host, zfsList({ props: ['name'], type: 'snapshot', recursive: true, datasets: [dataset] }));
  return parseZfsList(res.stdout, ['name']).filter((r) => r['name']?.endsWith(`@${snap}`)).length;
}
