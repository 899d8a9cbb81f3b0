import { createHash } from 'node:crypto';
import { BLOCK_SIZE, blockBytes, blockDelta } from '../../model/content';
import { nicenum } from '../../model/sizes';
import { splitSnapshot } from '../../model/zfsState';
import type { Dataset, Snapshot } from '../../model/zfsTypes';
import type { Invocation } from '../../shell/invocation';
import { print, writeChunk } from '../../shell/io';
import { END_MAGIC, frame, RECORD_MAGIC, type RecordHeader, snapshotInfo, STREAM_MAGIC } from '../../stream/format';
import { has, last } from '../getopt';
import { soleOperand, zfsError, zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';

const USAGE = 'send [-RDpbv] [-[iI] snapshot] <snapshot>\n\tsend -r [-Dpbcv] [-i snapshot] <snapshot>';
/** zfs-fuse's send: no -b or -c, and -v not in its usage (observed on zfs-fuse 0.7). */
const OPENSOLARIS_USAGE = 'send [-RDp] [-[iI] snapshot] <snapshot>';
/**
 * Only Solaris has -r (zfs_main.c getopt ":i:I:RDpbcrv"); illumos and zfs-fuse reject it (observed
 * on zfs-fuse 0.7: "invalid option 'r'", exit 2).
 */
function sendSyntax(inv: Invocation): ZfsSyntax {
  if (inv.host.release.zfs.opensolarisSend) return { usage: OPENSOLARIS_USAGE, options: 'i:I:RDpv' };
  return { usage: USAGE, options: inv.host.dialect === 'solaris11' ? 'i:I:RDpbcrvw:s:' : 'i:I:RDpbcvw:s:' };
}
/** Blocks generated per write: large writes keep SSH busy, small enough to honour backpressure. */
const BLOCKS_PER_WRITE = 8;

/** One snapshot to send: full when `from` is undefined. */
interface Part {
  dataset: Dataset;
  snapshot: Snapshot;
  from: Snapshot | undefined;
  bytes: number;
}

/** What dump_filesystem() does for one filesystem, in order: a WARNING, or the snapshots it sends. */
type Step = { warning: string } | { part: Part };

/** Paces output to transferBytesPerSec. */
class Pacer {
  private readonly started = Date.now();
  private sent = 0;
  constructor(
    private readonly inv: Invocation,
    private readonly rate: number,
  ) {}

  async account(bytes: number): Promise<void> {
    this.sent += bytes;
    if (this.rate <= 0) return;
    const due = (this.sent / this.rate) * 1000 - (Date.now() - this.started);
    if (due > 5) await this.inv.host.sleep(due, this.inv.io.signal);
  }
}

/**
 * illumos send -v progress (libzfs_sendrecv.c send_progress_thread): a header when a snapshot
 * starts, then every second "%02d:%02d:%02d   %5s   %s" with the bytes sent so far.
 */
function startProgress(inv: Invocation, name: string, sent: () => number): () => void {
  print(inv.io.stderr, 'TIME        SENT   SNAPSHOT\n');
  const timer = setInterval(() => {
    const now = new Date();
    const hms = [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    print(inv.io.stderr, `${hms}   ${nicenum(sent()).padStart(5)}   ${name}\n`);
  }, 1000);
  return () => clearInterval(timer);
}

async function sendPart(
  inv: Invocation,
  top: string,
  part: Part,
  withProps: boolean,
  pacer: Pacer,
  progress: boolean,
): Promise<void> {
  const { dataset, snapshot, from } = part;
  const delta = blockDelta(from?.blocks ?? new Map(), snapshot.blocks);
  const header: RecordHeader = {
    path: dataset.name.slice(top.length),
    type: dataset.type,
    seed: dataset.seed,
    fromGuid: from?.guid ?? null,
    snapshot: snapshotInfo(snapshot, withProps),
    ...(withProps ? { props: { ...dataset.props } } : {}),
    changed: delta.changed,
    versions: delta.changed.map((i) => snapshot.blocks.get(i) ?? 0),
    removed: delta.removed,
    nextVersion: dataset.nextVersion,
  };
  let sent = 0;
  const stop = progress ? startProgress(inv, `${dataset.name}@${snapshot.name}`, () => sent) : () => undefined;
  try {
    const digest = createHash('sha256');
    const head = frame(RECORD_MAGIC, header);
    digest.update(head.subarray(RECORD_MAGIC.length));
    await writeChunk(inv.io.stdout, head, inv.io.signal);
    sent += head.length;
    await pacer.account(head.length);
    for (let i = 0; i < delta.changed.length; i += BLOCKS_PER_WRITE) {
      const blocks = delta.changed
        .slice(i, i + BLOCKS_PER_WRITE)
        .map((index) => blockBytes(dataset.seed, index, snapshot.blocks.get(index) ?? 0));
      const chunk = blocks.length === 1 && blocks[0] ? blocks[0] : Buffer.concat(blocks, blocks.length * BLOCK_SIZE);
      digest.update(chunk);
      await writeChunk(inv.io.stdout, chunk, inv.io.signal);
      sent += chunk.length;
      await pacer.account(chunk.length);
    }
    await writeChunk(inv.io.stdout, digest.digest(), inv.io.signal);
  } finally {
    stop();
  }
}

/**
 * zfs_main.c zfs_do_send: `-i`/`-I` take `@snap`, `snap` or `fs@snap` of the sent filesystem; any
 * other filesystem is a usage error ("incremental source must be in same filesystem").
 */
function fromName(fs: string, spec: string): string | { usage: string } {
  const at = spec.indexOf('@');
  if (at < 0) return spec;
  if (at > 0 && spec.slice(0, at) !== fs) return { usage: 'incremental source must be in same filesystem' };
  const name = spec.slice(at + 1);
  if (name.includes('@') || name.includes('/')) return { usage: 'invalid incremental source' };
  return name;
}

/**
 * libzfs_sendrecv.c dump_filesystem() + dump_snapshot() for one filesystem (Solaris 11.0 and
 * illumos have the same code): a missing snapshot is a WARNING and the filesystem is skipped; in a
 * recursive send a filesystem lacking the incremental source is sent in full ("If this fs does not
 * have fromsnap, and we're doing recursive, we need to send a full stream from the beginning");
 * `doall` (-I, or -R without -i) sends every snapshot up to the named one.
 */
function dumpFilesystem(
  dataset: Dataset,
  snapName: string,
  from: string | undefined,
  recursive: boolean,
  doall: boolean,
): Step[] {
  const to = dataset.snapshots.find((s) => s.name === snapName);
  const name = dataset.name;
  if (!to) return [{ warning: `WARNING: could not send ${name}@${snapName}: does not exist` }];
  const fromSnap = from === undefined ? undefined : dataset.snapshots.find((s) => s.name === from);
  if (from !== undefined && !fromSnap && !recursive) {
    return [
      { warning: `WARNING: could not send ${name}@${snapName}:\nincremental source (${name}@${from}) does not exist` },
    ];
  }
  if (fromSnap && fromSnap.createtxg >= to.createtxg) {
    return [
      {
        warning: `WARNING: could not send ${name}@${snapName}:\nincremental source (${name}@${from}) is not earlier than it`,
      },
    ];
  }
  const after = fromSnap?.createtxg ?? -Infinity;
  const chosen = dataset.snapshots.filter(
    (s) => s.createtxg > after && s.createtxg <= to.createtxg && (doall || s === to),
  );
  let prev = fromSnap;
  return chosen.map((snapshot) => {
    const part: Part = {
      dataset,
      snapshot,
      from: prev,
      bytes: blockDelta(prev?.blocks ?? new Map(), snapshot.blocks).changed.length * BLOCK_SIZE,
    };
    prev = snapshot;
    return { part };
  });
}

/** The -v line of one snapshot: Solaris 11.0 dump_snapshot(), or illumos send_print_verbose(). */
function verboseLine(inv: Invocation, part: Part): string {
  const name = `${part.dataset.name}@${part.snapshot.name}`;
  // Solaris 11.0 libzfs_sendrecv.c dump_snapshot(): "sending from @%s to %s\n" (an empty name for
  // a full stream; the same text observed on zfs-fuse 0.7).
  if (inv.host.dialect === 'solaris11' || inv.host.release.zfs.opensolarisSend) {
    return `sending from @${part.from?.name ?? ''} to ${name}\n`;
  }
  // illumos libzfs_sendrecv.c send_print_verbose(): "full send of %s" / "send from @%s to %s", then
  // " estimated size is %s" when the estimate is not 0 (zfs_nicenum). The estimate here is the
  // block data of the stream (inferred; the kernel's estimate also counts metadata).
  const head = part.from ? `send from @${part.from.name} to ${name}` : `full send of ${name}`;
  return `${head}${part.bytes !== 0 ? ` estimated size is ${nicenum(part.bytes)}` : ''}\n`;
}

/**
 * `zfs send [-R | -r] [-c] [-p] [-v] [-i|-I from] fs@snap`: writes the stream to stdout with
 * backpressure, paced by transferBytesPerSec. Every filesystem that lacks the snapshot gets a
 * WARNING; the rest is still sent as a valid stream and the exit status is 1 (zfs_send():
 * "write final end record. NB: want to do this even if there was some error", `return (err ||
 * sdd.err)`).
 */
export const zfsSend = zfsSubcommand(sendSyntax, async (inv, o, usage) => {
  const solaris = inv.host.dialect === 'solaris11';
  const legacy = inv.host.release.zfs.opensolarisSend;
  const target = soleOperand(inv, o, usage, 'snapshot');
  if (typeof target === 'number') return target;
  if (has(o, 'R') && has(o, 'r')) return zfsUsage(inv, 'options -R and -r cannot be used together', usage);
  // On illumos -c means compressed; only Solaris ties it to -r (self-contained).
  if (solaris && has(o, 'c') && !has(o, 'r')) return zfsUsage(inv, 'option -c is only valid with -r', usage);
  if (has(o, 'I') && has(o, 'r')) return zfsUsage(inv, 'option -I cannot be used with -r', usage);
  const [fs, snapName] = splitSnapshot(target);
  if (snapName === undefined) {
    return zfsUsage(inv, solaris ? 'argument must be a snapshot' : `'${target}' is not a snapshot`, usage);
  }
  const { zfs } = inv.host;
  const root = zfs.get(fs);
  // zfs_do_send opens the filesystem part only; a missing snapshot is dump_filesystem()'s WARNING.
  if (!root) return zfsError(inv, `cannot open '${fs}': dataset does not exist`);
  const fromSpec = last(o, 'i') ?? last(o, 'I');
  const from = fromSpec === undefined ? undefined : fromName(fs, fromSpec);
  if (typeof from === 'object') return zfsUsage(inv, from.usage, usage);
  const recursive = has(o, 'R') || has(o, 'r');
  // zfs_do_send: `if (flags.replicate && fromname == NULL) flags.doall = B_TRUE;`
  const doall = has(o, 'I') || (has(o, 'R') && from === undefined);
  const withProps = recursive || has(o, 'p');
  const compound = recursive || doall || withProps;
  const steps = (recursive ? zfs.tree(fs) : [root]).flatMap((d) => dumpFilesystem(d, snapName, from, recursive, doall));
  const parts = steps.flatMap((s) => ('part' in s ? [s.part] : []));
  const failed = steps.some((s) => 'warning' in s);
  const verbose = has(o, 'v');
  const warn = (s: Step): void => {
    if ('warning' in s) print(inv.io.stderr, `${s.warning}\n`);
  };

  // illumos zfs_send(): -v sets progress, which first runs a dry pass printing the verbose lines and
  // "total estimated size is %s"; no snapshot found ends it there (ENOENT). The real pass then
  // prints its WARNINGs again and a progress header per snapshot.
  const illumosVerbose = verbose && !solaris && !legacy;
  if (illumosVerbose) {
    for (const step of steps) {
      if ('warning' in step) warn(step);
      else print(inv.io.stderr, verboseLine(inv, step.part));
    }
    print(inv.io.stderr, `total estimated size is ${nicenum(parts.reduce((sum, p) => sum + p.bytes, 0))}\n`);
    if (parts.length === 0) return 1;
  }

  const signal = inv.io.signal;
  const pacer = new Pacer(inv, inv.host.timings.transferBytesPerSec);
  // A plain send of nothing writes nothing; a package always has its header and end record.
  if (compound || parts.length > 0) {
    const header = frame(STREAM_MAGIC, {
      top: fs,
      snapshot: snapName,
      ...(from === undefined ? {} : { from }),
      ...(withProps ? { props: true } : {}),
      ...(recursive ? { recursive: true } : {}),
    });
    await writeChunk(inv.io.stdout, header, signal);
  }
  for (const step of steps) {
    if ('warning' in step) {
      warn(step);
      continue;
    }
    // zfs-fuse prints -v lines only for a package (-R, -I, -p): observed on zfs-fuse 0.7.
    if (verbose && (solaris || (legacy && compound))) print(inv.io.stderr, verboseLine(inv, step.part));
    await sendPart(inv, fs, step.part, withProps, pacer, illumosVerbose);
  }
  if (compound || parts.length > 0) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(parts.length);
    await writeChunk(inv.io.stdout, Buffer.concat([END_MAGIC, count]), signal);
  }
  return failed || parts.length === 0 ? 1 : 0;
});
