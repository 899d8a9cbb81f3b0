import type { BlockMap } from './content';

/**
 * A Kernel Zone's host data, kept on its boot device (doc: "Kernel Zone Host Data and Host ID":
 * each bootable device holds it, encrypted with the zone's key; it records zone usage and suspends).
 * `state` is the last known state the attaching host wrote; `configured` means released by detach.
 */
export interface KzHostData {
  /** The key it is sealed with (the simulator's stand-in for AES-128-CCM encryption). */
  keyId: string;
  hostid: string;
  hostname: string;
  state: 'configured' | 'installed' | 'running';
  /** A suspend image was written and not yet resumed. */
  suspended: boolean;
  beName: string;
  beUuid: string;
  /** Seconds since the epoch. */
  updated: number;
}

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
  /** The snapshot's own user properties (set locally, or received and not overridden). */
  userProps: Record<string, string>;
  /** User properties that arrived in a send stream (ZPROP_SRC_RECEIVED), kept when overridden. */
  receivedProps?: Record<string, string>;
  /** Names in `userProps` set locally over a received value. */
  localOverrides?: Set<string>;
  imageVersion?: string;
  /** The volume's Kernel Zone host data when the snapshot was taken. */
  hostData?: KzHostData;
  /** `zfs hold` tags; a held snapshot cannot be destroyed. */
  holds?: Set<string>;
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
  /**
   * The dataset's own property values, native and user (`module:name`): set locally, or received
   * and neither overridden nor masked by an inherit. Inherited values are not in here.
   */
  props: Record<string, string>;
  /**
   * Values that arrived in a send stream (ZPROP_SRC_RECEIVED). Kept when a local value or an
   * explicit inherit overrides them, as `zfs get -o received` and `zfs inherit -S` still see them.
   */
  received: Record<string, string>;
  /**
   * Names in `props` set locally (`zfs set`, `receive -o`) over a received value (Solaris 11.0
   * dsl_prop.c dsl_prop_set_sync: a local value hides the received one).
   */
  localOverrides: Set<string>;
  /**
   * COMSTAR's LU metadata kept on a zvol (the hidden property stmf_sbd_lu: Solaris 11.0 zfs_prop.c
   * register_hidden, stmf_sbd sbd_zvol.c): here the GUID, so `stmfadm import-lu` gets it back.
   */
  stmfSbdLu?: string;
  /** Mounted in the global zone (has an mnttab entry; libzfs zfs_is_mounted reads mnttab). */
  mounted: boolean;
  /** Oldest first (createtxg order). */
  snapshots: Snapshot[];
  /** Version of the IPS image installed in this dataset, when it is a zone boot environment. */
  imageVersion?: string;
  /** A volume that is a Kernel Zone's boot device: the host data written on it. */
  hostData?: KzHostData;
}
