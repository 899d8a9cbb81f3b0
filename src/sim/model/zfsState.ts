import { BLOCK_SIZE, type BlockMap } from './content';
import { newGuid, nowSeconds } from './ids';
import type { Dataset, DatasetType, Pool, Snapshot } from './zfsTypes';

export function parentName(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? undefined : name.slice(0, slash);
}

export function poolOf(name: string): string {
  return name.split(/[/@]/)[0] ?? name;
}

/** `pool/fs@snap` → ['pool/fs', 'snap']; no `@` → [name, undefined]. */
export function splitSnapshot(full: string): [string, string | undefined] {
  const at = full.indexOf('@');
  return at < 0 ? [full, undefined] : [full.slice(0, at), full.slice(at + 1)];
}

/** libzfs order: by filesystem name (strcmp), a dataset before its snapshots, snapshots by createtxg. */
export function compareNames(a: string, b: string): number {
  const [fa] = splitSnapshot(a);
  const [fb] = splitSnapshot(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return 0;
}

/** All pools and datasets of one host. */
export class ZfsState {
  readonly pools = new Map<string, Pool>();
  readonly datasets = new Map<string, Dataset>();
  private txg = 1;

  nextTxg(): number {
    return ++this.txg;
  }

  get(name: string): Dataset | undefined {
    return this.datasets.get(name);
  }

  snapshot(full: string): { dataset: Dataset; snapshot: Snapshot } | undefined {
    const [fs, snap] = splitSnapshot(full);
    const dataset = this.datasets.get(fs);
    const snapshot = dataset?.snapshots.find((s) => s.name === snap);
    return dataset && snapshot ? { dataset, snapshot } : undefined;
  }

  /** Datasets strictly below `name`, parents before children. */
  descendants(name: string): Dataset[] {
    return [...this.datasets.values()]
      .filter((d) => d.name.startsWith(`${name}/`))
      .sort((a, b) => compareNames(a.name, b.name));
  }

  children(name: string): Dataset[] {
    return this.descendants(name).filter((d) => parentName(d.name) === name);
  }

  /** `name` itself and everything below it, parents first. */
  tree(name: string): Dataset[] {
    const self = this.datasets.get(name);
    return self ? [self, ...this.descendants(name)] : [];
  }

  all(): Dataset[] {
    return [...this.datasets.values()].sort((a, b) => compareNames(a.name, b.name));
  }

  addPool(name: string, size: number): Pool {
    const pool: Pool = { name, guid: newGuid(), size };
    this.pools.set(name, pool);
    // The pool's root filesystem is mounted at /<pool> when the pool is imported (zpool(8) create/import; observed on zfs-fuse).
    this.insert(name, 'filesystem', {}).mounted = true;
    return pool;
  }

  /** Creates a dataset; the caller has checked that the parent exists and the name is free. */
  insert(name: string, type: DatasetType, props: Record<string, string>, seed = newGuid()): Dataset {
    const dataset: Dataset = {
      name,
      type,
      guid: newGuid(),
      createtxg: this.nextTxg(),
      creation: nowSeconds(),
      seed,
      blocks: new Map(),
      nextVersion: 1,
      props: { ...props },
      received: {},
      localOverrides: new Set(),
      // Mounting is the creator's job (`zfs create` mounts, `receive -u` does not): zfs_main.c zfs_do_create / zfs_do_receive.
      mounted: false,
      snapshots: [],
    };
    this.datasets.set(name, dataset);
    return dataset;
  }

  remove(name: string): void {
    this.datasets.delete(name);
  }

  takeSnapshot(dataset: Dataset, name: string, userProps: Record<string, string> = {}): Snapshot {
    const snapshot: Snapshot = {
      name,
      guid: newGuid(),
      createtxg: this.nextTxg(),
      creation: nowSeconds(),
      blocks: new Map(dataset.blocks),
      userProps: { ...userProps },
      ...(dataset.imageVersion === undefined ? {} : { imageVersion: dataset.imageVersion }),
      ...(dataset.hostData === undefined ? {} : { hostData: { ...dataset.hostData } }),
    };
    dataset.snapshots.push(snapshot);
    return snapshot;
  }

  referenced(blocks: BlockMap): number {
    return blocks.size * BLOCK_SIZE;
  }

  /** Space held only by snapshots: block versions no longer live, counted once. */
  usedBySnapshots(dataset: Dataset): number {
    const held = new Set<string>();
    for (const snap of dataset.snapshots)
      for (const [index, version] of snap.blocks)
        if (dataset.blocks.get(index) !== version) held.add(`${index}:${version}`);
    return held.size * BLOCK_SIZE;
  }

  /** Space unique to one snapshot: its block versions that neither its neighbours nor live data hold. */
  snapshotUsed(dataset: Dataset, snapshot: Snapshot): number {
    const i = dataset.snapshots.indexOf(snapshot);
    const prev = dataset.snapshots[i - 1]?.blocks;
    const next = dataset.snapshots[i + 1]?.blocks ?? dataset.blocks;
    let unique = 0;
    for (const [index, version] of snapshot.blocks)
      if (prev?.get(index) !== version && next.get(index) !== version) unique++;
    return unique * BLOCK_SIZE;
  }

  used(dataset: Dataset): number {
    const own = this.referenced(dataset.blocks) + this.usedBySnapshots(dataset);
    return own + this.children(dataset.name).reduce((sum, child) => sum + this.used(child), 0);
  }

  /** Bytes changed since the most recent snapshot (all live data if there is none). */
  written(dataset: Dataset): number {
    const last = dataset.snapshots.at(-1);
    if (!last) return this.referenced(dataset.blocks);
    let changed = 0;
    for (const [index, version] of dataset.blocks) if (last.blocks.get(index) !== version) changed++;
    return changed * BLOCK_SIZE;
  }

  /** Free space as seen by this dataset: the pool's free space, capped by any quota on the way up. */
  available(dataset: Dataset): number {
    const pool = this.pools.get(poolOf(dataset.name));
    const root = this.datasets.get(poolOf(dataset.name));
    let avail = pool && root ? Math.max(0, pool.size - this.used(root)) : 0;
    for (let name: string | undefined = dataset.name; name; name = parentName(name)) {
      const ds = this.datasets.get(name);
      const quota = Number(ds?.props.quota ?? 0);
      if (ds && quota > 0) avail = Math.min(avail, Math.max(0, quota - this.used(ds)));
    }
    return avail;
  }
}
