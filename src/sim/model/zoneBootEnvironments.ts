import type { SimHost } from '../simHost';
import { PARENT_BE_PROP, ZBE_ACTIVE_PROP } from './bootEnvironment';
import type { Dataset } from './zfsTypes';

export interface ZoneBes {
  /** The zonepath dataset, e.g. rpool/zones/www. */
  zonepathDataset: Dataset;
  /** `<zonepath-ds>/rpool/ROOT`. */
  root: string;
  /** ZBEs whose parentbe is this host's active global-zone BE. */
  own: Dataset[];
  /** ZBEs that belong to another (or no) global-zone BE. */
  orphans: Dataset[];
}

/** The zone boot environments under a zonepath dataset, split by ownership. */
export function zoneBootEnvironments(host: SimHost, zonepathDataset: Dataset): ZoneBes {
  const root = `${zonepathDataset.name}/rpool/ROOT`;
  const parent = host.activeBeUuid();
  const zbes = host.zfs.children(root);
  return {
    zonepathDataset,
    root,
    own: zbes.filter((d) => d.props[PARENT_BE_PROP] === parent),
    orphans: zbes.filter((d) => d.props[PARENT_BE_PROP] !== parent),
  };
}

/** The ZBE a zone boots: the active one of its own, else the most recent. */
export function pickActive(zbes: Dataset[]): Dataset | undefined {
  return zbes.find((d) => d.props[ZBE_ACTIVE_PROP] === 'on') ?? zbes.at(-1);
}

/** The first free `<base>-N` name under the ZBE root (beadm's naming). */
export function freeZbeName(host: SimHost, root: string, base: string): string {
  const stem = base.replace(/-\d+$/, '');
  for (let n = 1; ; n++) if (!host.zfs.get(`${root}/${stem}-${n}`)) return `${root}/${stem}-${n}`;
}

/**
 * Clones an orphan ZBE for this host's active BE. Simplified: the clone is an independent copy of
 * the orphan's live data (real beadm clones from a snapshot and records an origin).
 */
export function cloneOrphan(host: SimHost, orphan: Dataset, root: string): Dataset {
  const name = freeZbeName(host, root, orphan.name.slice(root.length + 1));
  const clone = host.zfs.insert(name, orphan.type, {
    ...orphan.props,
    [PARENT_BE_PROP]: host.activeBeUuid(),
    [ZBE_ACTIVE_PROP]: 'on',
  }, orphan.seed);
  clone.blocks = new Map(orphan.blocks);
  clone.nextVersion = orphan.nextVersion;
  if (orphan.imageVersion !== undefined) clone.imageVersion = orphan.imageVersion;
  return clone;
}
