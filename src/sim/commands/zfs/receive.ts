import { createHash } from 'node:crypto';
import { BLOCK_SIZE, sameBlocks } from '../../model/content';
import { nicenum } from '../../model/sizes';
import {
  applyReceivedProps,
  canonicalProp,
  inheritProp,
  NATIVE,
  setLocalProp,
  validateSet,
} from '../../model/zfsProps';
import { mountReceived } from '../../model/zfsMount';
import { parentName } from '../../model/zfsState';
import type { Dataset } from '../../model/zfsTypes';
import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { ByteReader, TruncatedStreamError } from '../../stream/byteReader';
import {
  DIGEST_BYTES,
  END_MAGIC,
  RECORD_MAGIC,
  type RecordHeader,
  type StreamHeader,
  STREAM_MAGIC,
} from '../../stream/format';
import { has } from '../getopt';
import { soleOperand, zfsError, zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';

const USAGE = 'receive [-vnFu] [[-o property=value] | [-x property]] ... [-d | -e] <filesystem|volume|snapshot>';
/** Without -o/-x: the usage zfs-fuse 0.7 prints (observed). */
const USAGE_WITHOUT_PROPS = 'receive [-vnF] <filesystem|volume|snapshot>\n\treceive [-vnF] -d <filesystem>';

/**
 * -o/-x: Solaris 11.0 zfs_main.c getopt ":denuvFo:x:"; zfs-fuse 0.7 has ":denuvF" (observed:
 * "invalid option 'o'", exit 2), as has a release without receiveSetProps.
 */
const receiveSyntax = (inv: Invocation): ZfsSyntax =>
  inv.host.release.zfs.receiveSetProps
    ? { usage: USAGE, options: 'vnFuo:x:deC' }
    : { usage: USAGE_WITHOUT_PROPS, options: 'vnFudeC' };

class ReceiveError extends Error {}

interface Options {
  verbose: boolean;
  dryRun: boolean;
  force: boolean;
  /** -o p=v: set locally on the top received dataset, inherited by the ones below it. */
  setProps: Record<string, string>;
  excluded: string[];
}

async function readStreamHeader(reader: ByteReader): Promise<StreamHeader> {
  const head = await reader.read(STREAM_MAGIC.length);
  if (!head.equals(STREAM_MAGIC)) throw new ReceiveError('cannot receive: invalid stream (bad magic number)');
  const json = await reader.read((await reader.read(4)).readUInt32BE());
  try {
    return JSON.parse(json.toString()) as StreamHeader;
  } catch {
    throw new ReceiveError('cannot receive: invalid stream (bad magic number)');
  }
}

/**
 * The checks libzfs zfs_receive_one() makes itself before it prints the -v line and calls the
 * receive ioctl (Solaris 11.0 and illumos libzfs_sendrecv.c).
 */
function libzfsChecks(
  inv: Invocation,
  name: string,
  record: RecordHeader,
  opts: Options,
  dryRunCreated: Set<string>,
): void {
  const { zfs } = inv.host;
  const existing = zfs.get(name);
  // A dry run creates nothing; a dataset it would have created counts as there (inferred).
  if (!existing && dryRunCreated.has(name)) return;
  if (record.fromGuid === null) {
    const what = 'cannot receive new filesystem stream';
    if (existing && !opts.force)
      throw new ReceiveError(`${what}: destination '${name}' exists\nmust specify -F to overwrite it`);
    const snapshot = existing?.snapshots[0];
    if (existing && snapshot) {
      throw new ReceiveError(
        `${what}: destination has snapshots (eg. ${name}@${snapshot.name})\nmust destroy them to overwrite it`,
      );
    }
    const parent = parentName(name);
    if (!existing && (!parent || (!zfs.get(parent) && !dryRunCreated.has(parent))))
      throw new ReceiveError(`${what}: destination '${name}' does not exist`);
    return;
  }
  if (!existing) throw new ReceiveError(`cannot receive incremental stream: destination '${name}' does not exist`);
}

type Verdict = 'apply' | 'skip';

/**
 * The kernel's checks of an existing filesystem for an incremental record, in each dialect's order,
 * and libzfs' answer to EEXIST: when the snapshot is already there with the stream's guid it is
 * skipped ("It may be that this snapshot already exists, in which case we want to consume & ignore
 * it rather than failing", zfs_receive_one()).
 *  - Solaris 11.0 dmu_send.c recv_existing_check(): modified since the last snapshot (ETXTBSY), then
 *    the new snapshot name (EEXIST), then fromguid: the latest snapshot, or one with no changes
 *    after it (ENODEV).
 *  - illumos dmu_recv.c recv_begin_check_existing_impl(): the new snapshot name (EEXIST) first, then
 *    the fromguid snapshot must exist (ENODEV) and, without -F, nothing may have changed since it
 *    (ETXTBSY).
 */
function kernelChecks(inv: Invocation, name: string, record: RecordHeader, opts: Options): Verdict {
  const { zfs } = inv.host;
  const existing = zfs.get(name);
  if (!existing) return 'apply';
  if (record.fromGuid === null) {
    if (record.changed.length * BLOCK_SIZE > zfs.available(existing))
      throw new ReceiveError('cannot receive new filesystem stream: out of space');
    return 'apply';
  }
  const what = 'cannot receive incremental stream';
  const snapName = record.snapshot.name;
  const latest = existing.snapshots.at(-1);
  const modified = (since: { blocks: Dataset['blocks'] } | undefined): boolean =>
    since !== undefined && !sameBlocks(since.blocks, existing.blocks);
  const modifiedError = new ReceiveError(`${what}: destination ${name} has been modified\nsince most recent snapshot`);
  const noSource = new ReceiveError(`${what}: most recent snapshot of ${name} does not\nmatch incremental source`);
  const solaris = inv.host.dialect === 'solaris11';
  if (solaris && !opts.force && modified(latest)) throw modifiedError;
  const { receiveSourceBeforeName } = inv.host.release.zfs;
  // zfs-fuse: modified first, then the latest snapshot must be the source, then the name (observed on
  // zfs-fuse 0.7: a re-sent incremental fails "does not match incremental source"). With -F the
  // newer snapshots go first (inferred from -R -F receives that succeed there).
  if (receiveSourceBeforeName && !opts.force && modified(latest)) throw modifiedError;
  if (receiveSourceBeforeName && !opts.force && latest?.guid !== record.fromGuid) throw noSource;
  if (existing.snapshots.some((s) => s.name === snapName)) {
    if (existing.snapshots.some((s) => s.guid === record.snapshot.guid)) return 'skip';
    throw new ReceiveError(`cannot restore to ${name}@${snapName}: destination already exists`);
  }
  const from = existing.snapshots.find((s) => s.guid === record.fromGuid);
  if (!from) throw noSource;
  if (solaris) {
    if (from !== latest && !opts.force && latest && !sameBlocks(from.blocks, latest.blocks)) throw noSource;
  } else if (!opts.force && modified(from)) {
    throw modifiedError;
  }
  if (record.changed.length * BLOCK_SIZE > zfs.available(existing)) throw new ReceiveError(`${what}: out of space`);
  return 'apply';
}

/** Applies a fully read and verified record: the only place a receive changes the host. */
function apply(inv: Invocation, name: string, record: RecordHeader, isTop: boolean, opts: Options): Dataset {
  const { zfs } = inv.host;
  let dataset: Dataset | undefined = zfs.get(name);
  const without = (props: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(props).filter(([k]) => !opts.excluded.includes(k)));
  if (!dataset || record.fromGuid === null) {
    // A new filesystem, or (-F) one overwritten in place: it stays mounted if it was
    // (zfs_receive_one() unmounts it through a name changelist and remounts it afterwards).
    const wasMounted = dataset?.mounted ?? false;
    dataset = zfs.insert(name, record.type, {}, record.seed);
    dataset.mounted = wasMounted;
  } else {
    const from = dataset.snapshots.findIndex((s) => s.guid === record.fromGuid);
    const latest = dataset.snapshots.length - 1;
    // With -F the filesystem is rolled back to the source snapshot and later ones are destroyed;
    // without it they hold no changes after the source (checked above) and the stream lands on top.
    if (opts.force || from === latest) dataset.snapshots.splice(from + 1);
    const base = dataset.snapshots.at(-1);
    if (base) dataset.blocks = new Map(base.blocks);
  }
  if (record.props !== undefined) applyReceivedProps(dataset, without(record.props));
  record.removed.forEach((i) => dataset.blocks.delete(i));
  record.changed.forEach((index, k) => dataset.blocks.set(index, record.versions[k] ?? 0));
  dataset.nextVersion = Math.max(dataset.nextVersion, record.nextVersion);
  if (record.snapshot.imageVersion !== undefined) dataset.imageVersion = record.snapshot.imageVersion;
  // receive -o: "Effective property values will be set (-o) ... on the topmost in the replicated
  // subtree. In descendant datasets, if the property is set by the send stream, it will be
  // overridden by forcing the property to be inherited from the top-most file system" (illumos
  // zfs.8; libzfs zfs_setup_cmdline_props(): ZPROP_SRC_LOCAL on the top, an inherit below it).
  for (const [prop, value] of Object.entries(opts.setProps)) {
    if (isTop) setLocalProp(dataset, prop, value);
    else inheritProp(dataset, prop, false);
  }
  const snapshot = zfs.takeSnapshot(dataset, record.snapshot.name);
  snapshot.guid = record.snapshot.guid;
  // Snapshot properties of a package are set as received too (zfs_receive_one(): `zc2.zc_cookie =
  // B_TRUE; /* received */` before ZFS_IOC_SET_PROP).
  if (record.props !== undefined) applyReceivedProps(snapshot, without(record.snapshot.userProps));
  return dataset;
}

/** Where the stream's top dataset lands: the name given, or with -d / -e a child of it. */
function topName(given: string, sentTop: string, mode: 'exact' | 'd' | 'e'): string {
  if (mode === 'e') return `${given}/${sentTop.slice(sentTop.lastIndexOf('/') + 1)}`;
  if (mode === 'd') return `${given}/${sentTop.split('/').slice(1).join('/')}`.replace(/\/$/, '');
  return given;
}

/** Reads and applies the stream; returns the filesystem libzfs mounts afterwards (top_zfs), if any. */
async function receiveStream(
  inv: Invocation,
  given: string,
  mode: 'exact' | 'd' | 'e',
  opts: Options,
): Promise<string | undefined> {
  // zfs_receive_impl(): the -d/-e filesystem must exist before the stream is read.
  if (mode !== 'exact' && !inv.host.zfs.get(given))
    throw new ReceiveError(`cannot receive: specified fs (${given}) does not exist`);
  const reader = new ByteReader(inv.io.stdin, inv.io.signal);
  const stream = await readStreamHeader(reader);
  const top = topName(given, stream.top, mode);
  let topZfs: string | undefined;
  const dryRunCreated = new Set<string>();
  for (let records = 0; ; records++) {
    const magic = await reader.read(4);
    if (magic.equals(END_MAGIC)) {
      if ((await reader.read(4)).readUInt32BE() !== records)
        throw new ReceiveError('cannot receive: invalid stream (checksum mismatch)');
      return topZfs;
    }
    if (!magic.equals(RECORD_MAGIC)) throw new ReceiveError('cannot receive: invalid stream (bad magic number)');
    const length = (await reader.read(4)).readUInt32BE();
    const json = await reader.read(length);
    const digest = createHash('sha256');
    const lengthBytes = Buffer.alloc(4);
    lengthBytes.writeUInt32BE(length);
    digest.update(lengthBytes).update(json);
    let record: RecordHeader;
    try {
      record = JSON.parse(json.toString()) as RecordHeader;
    } catch {
      throw new ReceiveError('cannot receive: invalid stream (checksum mismatch)');
    }
    const name = `${top}${record.path}`;
    const kind = record.fromGuid === null ? 'full' : 'incremental';
    const label = `${kind === 'full' ? 'new filesystem' : 'incremental'} stream`;
    const started = Date.now();
    const newfs = !inv.host.zfs.get(name);
    libzfsChecks(inv, name, record, opts, dryRunCreated);
    if (opts.verbose) {
      const verb = opts.dryRun ? 'would receive' : 'receiving';
      const src = `${stream.top}${record.path}@${record.snapshot.name}`;
      print(inv.io.stdout, `${verb} ${kind} stream of ${src} into ${name}@${record.snapshot.name}\n`);
    }
    const verdict = opts.dryRun ? 'apply' : kernelChecks(inv, name, record, opts);
    const bytes = record.changed.length * BLOCK_SIZE;
    if (verdict === 'skip') {
      // recv_skip() consumes the record without applying it.
      await reader.forward(bytes + DIGEST_BYTES, () => undefined);
      if (opts.verbose) {
        // Observed on zfs-fuse 0.7: the skip line, then "received 0B stream in 1 seconds (0B/sec)".
        print(
          inv.io.stdout,
          `snap ${name}@${record.snapshot.name} already exists; ignoring\nreceived 0B stream in 1 seconds (0B/sec)\n`,
        );
      }
      if (stream.props && record.type === 'filesystem') topZfs ??= name;
      continue;
    }
    await reader.forward(bytes, (chunk) => digest.update(chunk));
    const sent = await reader.read(DIGEST_BYTES);
    if (!sent.equals(digest.digest()))
      throw new ReceiveError(`cannot receive ${label}: invalid stream (checksum mismatch)`);
    if (opts.dryRun) {
      dryRunCreated.add(name);
      continue;
    }
    apply(inv, name, record, record.path === '', opts);
    // zfs_receive_one(): "Track the first/top of hierarchy fs, for mounting and sharing later"
    // (a new filesystem, or any filesystem of a package).
    if ((newfs || stream.props) && record.type === 'filesystem') topZfs ??= name;
    if (opts.verbose) {
      const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
      const total = bytes + length + 8 + DIGEST_BYTES;
      print(
        inv.io.stdout,
        `received ${nicenum(total)}B stream in ${seconds} seconds (${nicenum(Math.round(total / seconds))}B/sec)\n`,
      );
    }
  }
}

/**
 * `zfs receive [-vnFu] [-o p=v]… [-x p]… [-d|-e] target`: rebuilds the sent datasets from stdin.
 * A record is applied only after all its bytes arrived and its checksum matched, so a cut or
 * corrupt stream leaves nothing of the dataset in flight; records completed before it remain.
 * Without -u the received filesystems are mounted at the end, as far as they may be.
 */
export const zfsReceive = zfsSubcommand(receiveSyntax, async (inv, o, usage) => {
  const given = soleOperand(inv, o, usage, 'snapshot');
  if (typeof given === 'number') return given;
  if (has(o, 'd') && has(o, 'e')) return zfsUsage(inv, 'options -d and -e cannot be used together', usage);
  const props: Record<string, string> = {};
  for (const assignment of o.opts.get('o') ?? []) {
    const eq = assignment.indexOf('=');
    if (eq < 0) return zfsUsage(inv, `missing '=' for -o option`, usage);
    const key = canonicalProp(assignment.slice(0, eq)) ?? assignment.slice(0, eq);
    // libzfs zfs_receive_check_props(): read-only properties cannot be overridden.
    if (NATIVE[key]?.readonly) return zfsError(inv, `cannot receive: cannot override received ${key}`);
    const checked = validateSet('filesystem', key, assignment.slice(eq + 1));
    if ('error' in checked) return zfsError(inv, `cannot receive: ${checked.error}`);
    props[key] = checked.value;
  }
  const opts: Options = {
    verbose: has(o, 'v'),
    dryRun: has(o, 'n'),
    force: has(o, 'F'),
    setProps: props,
    excluded: (o.opts.get('x') ?? []).map((p) => canonicalProp(p) ?? p),
  };
  try {
    const topZfs = await receiveStream(inv, given, has(o, 'e') ? 'e' : has(o, 'd') ? 'd' : 'exact', opts);
    const top = topZfs === undefined ? undefined : inv.host.zfs.get(topZfs);
    if (top && !opts.dryRun && !has(o, 'u')) mountReceived(inv.host.zfs, top);
    return 0;
  } catch (err) {
    if (err instanceof ReceiveError) return zfsError(inv, err.message);
    if (err instanceof TruncatedStreamError) return zfsError(inv, 'cannot receive: failed to read from stream');
    if (inv.io.signal.aborted) return zfsError(inv, 'cannot receive: failed to read from stream');
    throw err;
  }
});
