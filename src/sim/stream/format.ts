import type { Snapshot } from '../model/zfsTypes';

/**
 * The simulator's `zfs send` stream: a stream header, one record per snapshot sent (a header, the
 * bytes of every changed block, a sha256 of header + bytes), and an end marker with the record count. Not Oracle's on-disk
 * format, but a real byte stream: a receiver only gets the data by reading every byte.
 */
export const STREAM_MAGIC = Buffer.from('ZSIMSND1');
export const RECORD_MAGIC = Buffer.from('DREC');
export const END_MAGIC = Buffer.from('DEND');
export const DIGEST_BYTES = 32;

export interface StreamHeader {
  /** The sent top dataset, e.g. rpool/zones/www. */
  top: string;
  snapshot: string;
  /** Incremental source snapshot name (after @), when incremental. */
  from?: string;
  /**
   * A package that carries the datasets' properties (`zfs send -R`, Solaris `-r`, or `-p`): libzfs
   * zfs_send() writes the "fss" nvlist, and the receiver applies them as received values.
   */
  props?: boolean;
  /** Recursive (`-R`, Solaris `-r`): descendants follow the top dataset. */
  recursive?: boolean;
}

export interface RecordHeader {
  /** Path below the sent top ('' for the top itself, '/rpool/ROOT' for a child). */
  path: string;
  type: 'filesystem' | 'volume';
  seed: string;
  /** Guid of the snapshot this record applies on top of; null = full stream. */
  fromGuid: string | null;
  /** `userProps`: the snapshot's own user properties, sent only in a package that carries properties. */
  snapshot: { name: string; guid: string; userProps: Record<string, string>; imageVersion?: string };
  /**
   * The dataset's own property values (set locally or received; libzfs send_iterate_props() sends
   * those whose source is the dataset itself or "$recvd"), absent when the stream carries none.
   */
  props?: Record<string, string>;
  /** Block indexes whose bytes follow, in order, with the version each carries. */
  changed: number[];
  versions: number[];
  removed: number[];
  nextVersion: number;
}

/** A length-prefixed JSON frame: magic, u32 length, JSON. */
export function frame(magic: Buffer, body: object): Buffer {
  const json = Buffer.from(JSON.stringify(body));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([magic, length, json]);
}

export function snapshotInfo(snapshot: Snapshot, withProps: boolean): RecordHeader['snapshot'] {
  return {
    name: snapshot.name,
    guid: snapshot.guid,
    userProps: withProps ? { ...snapshot.userProps } : {},
    ...(snapshot.imageVersion === undefined ? {} : { imageVersion: snapshot.imageVersion }),
  };
}
