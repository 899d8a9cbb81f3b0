import type { Snapshot } from '../model/zfsTypes';

/**
 * The simulator's `zfs send -r` stream: a stream header, one record per dataset (a header, the bytes
 * of every changed block, a sha256 of header + bytes), and an end marker. Not Oracle's on-disk
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
}

export interface RecordHeader {
  /** Path below the sent top ('' for the top itself, '/rpool/ROOT' for a child). */
  path: string;
  type: 'filesystem' | 'volume';
  seed: string;
  /** Guid of the snapshot this record applies on top of; null = full stream. */
  fromGuid: string | null;
  snapshot: { name: string; guid: string; userProps: Record<string, string>; imageVersion?: string };
  /** The dataset's locally set properties (native and user). */
  props: Record<string, string>;
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

export function snapshotInfo(snapshot: Snapshot): RecordHeader['snapshot'] {
  return {
    name: snapshot.name,
    guid: snapshot.guid,
    userProps: { ...snapshot.userProps },
    ...(snapshot.imageVersion === undefined ? {} : { imageVersion: snapshot.imageVersion }),
  };
}
