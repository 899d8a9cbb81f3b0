import { createHash } from 'node:crypto';
import { BLOCK_SIZE, blockBytes, blockDelta } from '../model/content';
import { splitSnapshot } from '../model/zfsState';
import type { Dataset, Snapshot } from '../model/zfsTypes';
import type { Invocation } from '../shell/invocation';
import { print, writeChunk } from '../shell/io';
import { END_MAGIC, frame, RECORD_MAGIC, type RecordHeader, snapshotInfo, STREAM_MAGIC } from '../stream/format';
import { getopt, has, last } from './getopt';
import { badOption, zfsError, zfsUsage } from './zfsCommon';

const USAGE = 'send [-RDpbv] [-[iI] snapshot] <snapshot>\n\tsend -r [-Dpbcv] [-i snapshot] <snapshot>';
/** Blocks generated per write: large writes keep SSH busy, small enough to honour backpressure. */
const BLOCKS_PER_WRITE = 8;

interface Part {
  dataset: Dataset;
  snapshot: Snapshot;
  from: Snapshot | undefined;
}

/** Paces output to transferBytesPerSec. */
class Pacer {
  private readonly started = Date.now();
  private sent = 0;
  constructor(private readonly inv: Invocation, private readonly rate: number) {}

  async account(bytes: number): Promise<void> {
    this.sent += bytes;
    if (this.rate <= 0) return;
    const due = (this.sent / this.rate) * 1000 - (Date.now() - this.started);
    if (due > 5) await this.inv.host.sleep(due, this.inv.io.signal);
  }
}

async function sendPart(inv: Invocation, top: string, part: Part, pacer: Pacer): Promise<void> {
  const { dataset, snapshot, from } = part;
  const delta = blockDelta(from?.blocks ?? new Map(), snapshot.blocks);
  const header: RecordHeader = {
    path: dataset.name.slice(top.length),
    type: dataset.type,
    seed: dataset.seed,
    fromGuid: from?.guid ?? null,
    snapshot: snapshotInfo(snapshot),
    props: { ...dataset.props },
    changed: delta.changed,
    versions: delta.changed.map((i) => snapshot.blocks.get(i) ?? 0),
    removed: delta.removed,
    nextVersion: dataset.nextVersion,
  };
  const digest = createHash('sha256');
  const head = frame(RECORD_MAGIC, header);
  digest.update(head.subarray(RECORD_MAGIC.length));
  await writeChunk(inv.io.stdout, head, inv.io.signal);
  await pacer.account(head.length);
  for (let i = 0; i < delta.changed.length; i += BLOCKS_PER_WRITE) {
    const blocks = delta.changed.slice(i, i + BLOCKS_PER_WRITE).map((index) =>
      blockBytes(dataset.seed, index, snapshot.blocks.get(index) ?? 0),
    );
    const chunk = blocks.length === 1 && blocks[0] ? blocks[0] : Buffer.concat(blocks, blocks.length * BLOCK_SIZE);
    digest.update(chunk);
    await writeChunk(inv.io.stdout, chunk, inv.io.signal);
    await pacer.account(chunk.length);
  }
  await writeChunk(inv.io.stdout, digest.digest(), inv.io.signal);
}

/** Resolves `-i` (`@from`, `ds@from`, or `from`) to a snapshot name of the same filesystem. */
function fromName(fs: string, spec: string): string | { error: string } {
  if (spec.startsWith('@')) return spec.slice(1);
  const [fromFs, snap] = splitSnapshot(spec);
  if (snap === undefined) return spec;
  if (fromFs !== fs) return { error: `cannot send '${fs}': incremental source must be in same filesystem` };
  return snap;
}

/**
 * `zfs send [-r] [-c] [-i from] ds@snap`: writes the stream to stdout with backpressure, paced by
 * transferBytesPerSec. Solaris -r: every descendant that has the snapshot; one lacking the
 * incremental source gets a full record.
 */
export async function zfsSend(inv: Invocation): Promise<number> {
  const o = getopt(inv.args, 'i:I:RDpbcrvw:s:');
  if ('badOption' in o) return badOption(inv, o.badOption, USAGE);
  const [target, extra] = o.operands;
  if (!target || extra) return zfsUsage(inv, target ? 'too many arguments' : 'missing snapshot argument', USAGE);
  if (has(o, 'R') && has(o, 'r')) return zfsUsage(inv, 'options -R and -r cannot be used together', USAGE);
  // On illumos -c means compressed; only Solaris ties it to -r (self-contained).
  if (inv.host.dialect === 'solaris11' && has(o, 'c') && !has(o, 'r')) return zfsUsage(inv, 'option -c is only valid with -r', USAGE);
  if (has(o, 'I') && has(o, 'r')) return zfsUsage(inv, 'option -I cannot be used with -r', USAGE);
  const [fs, snapName] = splitSnapshot(target);
  if (snapName === undefined) return zfsUsage(inv, `'${target}' is not a snapshot`, USAGE);
  const { zfs } = inv.host;
  const found = zfs.snapshot(target);
  if (!found) return zfsError(inv, `cannot open '${target}': dataset does not exist`);
  const fromSpec = last(o, 'i') ?? last(o, 'I');
  const from = fromSpec === undefined ? undefined : fromName(fs, fromSpec);
  if (typeof from === 'object') return zfsError(inv, from.error);
  if (from !== undefined && !found.dataset.snapshots.some((s) => s.name === from)) {
    return zfsError(inv, `cannot send '${target}': incremental source (${fs}@${from}) does not exist`);
  }
  if (from === snapName) return zfsError(inv, `cannot send '${target}': incremental source must be earlier than the snapshot`);
  const datasets = has(o, 'r') || has(o, 'R') ? zfs.tree(fs) : [found.dataset];
  const parts: Part[] = datasets.flatMap((dataset) => {
    const snapshot = dataset.snapshots.find((s) => s.name === snapName);
    if (!snapshot) return [];
    const fromSnap = from === undefined ? undefined : dataset.snapshots.find((s) => s.name === from);
    return [{ dataset, snapshot, from: fromSnap }];
  });
  const signal = inv.io.signal;
  const pacer = new Pacer(inv, inv.host.timings.transferBytesPerSec);
  const header = frame(STREAM_MAGIC, { top: fs, snapshot: snapName, ...(from === undefined ? {} : { from }) });
  await writeChunk(inv.io.stdout, header, signal);
  for (const part of parts) {
    if (has(o, 'v')) {
      const what = part.from ? `sending from @${part.from.name} to ` : 'sending full stream to ';
      print(inv.io.stderr, `${what}${part.dataset.name}@${snapName}\n`);
    }
    await sendPart(inv, fs, part, pacer);
  }
  const count = Buffer.alloc(4);
  count.writeUInt32BE(parts.length);
  await writeChunk(inv.io.stdout, Buffer.concat([END_MAGIC, count]), signal);
  return 0;
}
