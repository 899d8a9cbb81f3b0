import { createCipheriv, createHash } from 'node:crypto';

/** Every dataset's data is made of blocks of this size (the default ZFS recordsize). */
export const BLOCK_SIZE = 128 * 1024;

/** blockIndex → version: which generation of data each block holds. Absent = hole. */
export type BlockMap = Map<number, number>;

const ZERO_BLOCK = Buffer.alloc(BLOCK_SIZE);
const IV = Buffer.alloc(16);

/**
 * The bytes of one block, generated from (seed, index, version) with AES-CTR so that a 1 GiB dataset
 * costs no RAM and the same block is byte-identical on every host.
 */
export function blockBytes(seed: string, index: number, version: number): Buffer {
  const key = createHash('sha256').update(`${seed}:${index}:${version}`).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, IV).update(ZERO_BLOCK);
}

/** A digest of live data: equal on two hosts exactly when both hold the same blocks at the same versions. */
export function contentHash(seed: string, blocks: BlockMap): string {
  const hash = createHash('sha256').update(seed);
  for (const index of [...blocks.keys()].sort((a, b) => a - b)) hash.update(`|${index}:${blocks.get(index)}`);
  return hash.digest('hex');
}

/** Blocks whose version differs between two maps (present in `to`), and blocks `to` no longer has. */
export function blockDelta(from: BlockMap, to: BlockMap): { changed: number[]; removed: number[] } {
  const changed: number[] = [];
  for (const [index, version] of to) if (from.get(index) !== version) changed.push(index);
  const removed = [...from.keys()].filter((index) => !to.has(index));
  return { changed: changed.sort((a, b) => a - b), removed: removed.sort((a, b) => a - b) };
}

export function sameBlocks(a: BlockMap, b: BlockMap): boolean {
  if (a.size !== b.size) return false;
  for (const [index, version] of a) if (b.get(index) !== version) return false;
  return true;
}
