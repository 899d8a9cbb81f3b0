import type { BlockMap } from './content';

export interface Pool {
  name: string;
  guid: string;
  /** Usable bytes; allocation is computed from the datasets. */
  size: number;
}

export interface Snapshot {
  /** The part after `@`. */
  name: string;
  guid: string;
  createtxg: number;
  creation: number;
  /** Frozen copy of the dataset's blocks when the snapshot was taken. */
  blocks: BlockMap;
  userProps: Record<string, string>;
  imageVersion?: string;
}

export type DatasetType = 'filesystem' | 'volume';

export interface Dataset {
  name: string;
  type: DatasetType;
  guid: string;
  createtxg: number;
  creation: number;
  /** Seed of the generated block bytes; travels with the data through send/receive. */
  seed: string;
  blocks: BlockMap;
  /** The next version a writer stamps on a block it modifies. */
  nextVersion: number;
  /** Locally set properties, native and user (`module:name`). */
  props: Record<string, string>;
  /** Oldest first (createtxg order). */
  snapshots: Snapshot[];
  /** Version of the IPS image installed in this dataset, when it is a zone boot environment. */
  imageVersion?: string;
}
