import type { Host, HostPool } from '../../hosts/host';
import { parseZfsGet, parseZfsList, zfsGet, zfsList, zfsRollback } from '../../solaris';
import { runChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';

export interface SnapshotLine {
  /** `fs@snap`. */
  name: string;
  /** User holds on it (`userrefs`): a held snapshot cannot be destroyed. */
  holds: number;
}

/**
 * The snapshots of one dataset (not its children), oldest first by `createtxg`, with their holds;
 * `zfs list` sorts by name, which is not the order a rollback cares about.
 */
export async function snapshotsOf(host: Host, dataset: string): Promise<SnapshotLine[]> {
  const props = ['name', 'createtxg'];
  const listed = parseZfsList(
    (await runChecked(host, zfsList({ props, depth: 1, type: 'snapshot', datasets: [dataset] }))).stdout,
    props,
  ).sort((a, b) => Number(a['createtxg']) - Number(b['createtxg']));
  if (!listed.length) return [];
  const names = listed.map((row) => row['name']!);
  const holds = new Map(
    parseZfsGet((await runChecked(host, zfsGet({ props: ['userrefs'], datasets: names }))).stdout).map((r) => [
      r.name,
      Number(r.value) || 0,
    ]),
  );
  return names.map((name) => ({ name, holds: holds.get(name) ?? 0 }));
}

/** The snapshots newer than `fs@snap`, oldest first; undefined when it does not exist. */
export function newerThan(snapshots: readonly SnapshotLine[], snapshot: string): SnapshotLine[] | undefined {
  const at = snapshots.findIndex((s) => s.name === snapshot);
  return at < 0 ? undefined : snapshots.slice(at + 1);
}

/**
 * `zfs rollback` of a zvol to `fs@snap`, destroying with `-r` exactly the newer snapshots the
 * operator consented to: one that appeared since (not in `consented`) stops the step. Idempotent: a
 * rollback to the latest snapshot again only discards writes since, and nothing writes to the zvol
 * while its LU is deleted. Clones of a newer snapshot make `zfs rollback -r` refuse by itself (it
 * would need `-R`, which zmig never uses).
 */
export async function rollbackZvol(
  pool: HostPool,
  a: { host: string; snapshot: string; consented: string[] },
): Promise<{ destroyed: string[] }> {
  const host = pool.get(a.host);
  const dataset = a.snapshot.slice(0, a.snapshot.indexOf('@'));
  const newer = newerThan(await snapshotsOf(host, dataset), a.snapshot);
  if (!newer) throw preconditionFailed(`${a.snapshot} does not exist on ${a.host}`);
  const unexpected = newer.filter((s) => !a.consented.includes(s.name)).map((s) => s.name);
  if (unexpected.length)
    throw preconditionFailed(
      `snapshots newer than ${a.snapshot} appeared on ${a.host} since preflight; not destroying them`,
      unexpected,
    );
  await runChecked(host, zfsRollback(a.snapshot, { destroyNewer: newer.length > 0 }));
  // After a rollback no snapshot is newer: what was consented to is gone, by this attempt or an earlier one.
  return { destroyed: a.consented };
}
