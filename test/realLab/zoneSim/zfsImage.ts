import { NATIVE, propertyOf } from '../../../src/sim/model/zfsProps';
import type { ZfsState } from '../../../src/sim/model/zfsState';
import { splitSnapshot } from '../../../src/sim/model/zfsState';
import type { DatasetType } from '../../../src/sim/model/zfsTypes';

/**
 * What the zone commands of the simulator can change in ZFS, for one dataset: its own property
 * values (local, or received and not overridden), whether it is mounted, and its snapshots' names.
 * Block contents are not here: the real files are the data, and zone commands never write them.
 */
export interface DatasetImage {
  type: DatasetType;
  own: Record<string, { value: string; source: 'local' | 'received' }>;
  /** The effective mountpoint (own or inherited), to know whether `zfs mount` can apply. */
  mountpoint: string;
  mounted: boolean;
  snapshots: string[];
}

export type ZfsImage = Map<string, DatasetImage>;

/** The commands that read a host's ZFS into the model (zfs-fuse has no `list -p` and no `get -t`). */
export const LIST_ARGV = ['list', '-H', '-t', 'all', '-o', 'name,type,mounted'];
export const PROPS_ARGV = ['get', '-Hp', '-s', 'local,received', '-o', 'name,property,value,received,source', 'all'];

function rows(text: string, fields: number): string[][] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const row = line.split('\t');
      if (row.length !== fields) throw new Error(`unexpected zfs output line ${JSON.stringify(line)}`);
      return row;
    });
}

/**
 * Replaces the model's datasets with what real ZFS reports: `listing` from LIST_ARGV, `props` from
 * PROPS_ARGV. A value set locally over a received one keeps both, as the simulator models it
 * (`localOverrides`). Pools are registered without a size: no zone command reads free space.
 */
export function loadIntoModel(zfs: ZfsState, listing: string, props: string): void {
  zfs.datasets.clear();
  zfs.pools.clear();
  const snapshots: [string, string][] = [];
  for (const [name = '', type = '', mounted = ''] of rows(listing, 3)) {
    if (type === 'snapshot') {
      snapshots.push(splitSnapshot(name) as [string, string]);
      continue;
    }
    if (type !== 'filesystem' && type !== 'volume') throw new Error(`unexpected dataset type ${type} of ${name}`);
    if (!name.includes('/')) zfs.pools.set(name, { name, guid: '', size: 0 });
    zfs.insert(name, type, {}).mounted = mounted === 'yes';
  }
  for (const [fs, snap] of snapshots) {
    const dataset = zfs.get(fs);
    if (dataset) zfs.takeSnapshot(dataset, snap);
  }
  for (const [name = '', property = '', value = '', received = '', source = ''] of rows(props, 5)) {
    const [fs, snap] = splitSnapshot(name);
    const dataset = zfs.get(fs);
    if (!dataset || snap !== undefined) continue;
    dataset.props[property] = value;
    if (received !== '-') dataset.received[property] = received;
    if (source === 'local' && received !== '-') dataset.localOverrides.add(property);
  }
}

/** Properties a zone command may set or inherit: user properties and the writable native ones. */
function settable(property: string): boolean {
  const native = NATIVE[property];
  return property.includes(':') || (native !== undefined && !native.readonly);
}

/** The model's ZFS as an image, to compare before and after a command. */
export function imageOf(zfs: ZfsState): ZfsImage {
  const image: ZfsImage = new Map();
  for (const d of zfs.all()) {
    const own: DatasetImage['own'] = {};
    for (const [property, value] of Object.entries(d.props)) {
      if (!settable(property)) continue;
      const received = d.received[property] === value && !d.localOverrides.has(property);
      own[property] = { value, source: received ? 'received' : 'local' };
    }
    image.set(d.name, {
      type: d.type,
      own,
      mountpoint: d.type === 'filesystem' ? propertyOf(zfs, d, 'mountpoint').value : '-',
      mounted: d.mounted,
      snapshots: d.snapshots.map((s) => s.name),
    });
  }
  return image;
}
