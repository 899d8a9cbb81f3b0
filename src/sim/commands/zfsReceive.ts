import { createHash } from 'node:crypto';
import { BLOCK_SIZE, sameBlocks } from '../model/content';
import { nicenum } from '../model/sizes';
import { validateSet } from '../model/zfsProps';
import { parentName } from '../model/zfsState';
import type { Dataset } from '../model/zfsTypes';
import type { Invocation } from '../shell/invocation';
import { print } from '../shell/io';
import { ByteReader, TruncatedStreamError } from '../stream/byteReader';
import { DIGEST_BYTES, END_MAGIC, RECORD_MAGIC, type RecordHeader, type StreamHeader, STREAM_MAGIC } from '../stream/format';
import { getopt, has } from './getopt';
import { badOption, zfsError, zfsUsage } from './zfsCommon';

const USAGE = 'receive [-vnFu] [[-o property=value] | [-x property]] ... [-d | -e] <filesystem|volume|snapshot>';

class ReceiveError extends Error {}

interface Options {
  verbose: boolean;
  dryRun: boolean;
  force: boolean;
  /** -o p=v: set locally on the top received dataset. */
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

/** Checks a record against the destination before reading its data, like the ZFS begin record. */
function precheck(inv: Invocation, name: string, record: RecordHeader, snapshotName: string, opts: Options): void {
  const { zfs } = inv.host;
  const existing = zfs.get(name);
  if (record.fromGuid === null) {
    const what = 'cannot receive new filesystem stream';
    if (existing) throw new ReceiveError(`${what}: destination '${name}' exists\nmust specify -F to overwrite it`);
    const parent = parentName(name);
    if (!parent || !zfs.get(parent)) throw new ReceiveError(`${what}: destination '${name}' does not exist`);
    const needed = record.changed.length * BLOCK_SIZE;
    const parentDs = zfs.get(parent);
    if (parentDs && needed > zfs.available(parentDs)) throw new ReceiveError(`${what}: out of space`);
    return;
  }
  const what = 'cannot receive incremental stream';
  if (!existing) throw new ReceiveError(`${what}: destination '${name}' does not exist`);
  if (existing.snapshots.some((s) => s.name === snapshotName)) {
    throw new ReceiveError(`${what}: destination '${name}@${snapshotName}' exists`);
  }
  const latest = existing.snapshots.at(-1);
  const fromIndex = existing.snapshots.findIndex((s) => s.guid === record.fromGuid);
  if (latest?.guid !== record.fromGuid && !(opts.force && fromIndex >= 0)) {
    throw new ReceiveError(`${what}: most recent snapshot of ${name} does not\nmatch incremental source`);
  }
  if (!opts.force && latest && !sameBlocks(latest.blocks, existing.blocks)) {
    throw new ReceiveError(`${what}: destination ${name} has been modified\nsince most recent snapshot`);
  }
  if (record.changed.length * BLOCK_SIZE > zfs.available(existing)) throw new ReceiveError(`${what}: out of space`);
}

/** Applies a fully read and verified record: the only place a receive changes the host. */
function apply(inv: Invocation, name: string, record: RecordHeader, isTop: boolean, opts: Options): void {
  const { zfs } = inv.host;
  let dataset: Dataset | undefined = zfs.get(name);
  const props = Object.fromEntries(Object.entries(record.props).filter(([k]) => !opts.excluded.includes(k)));
  if (!dataset || record.fromGuid === null) {
    dataset = zfs.insert(name, record.type, props, record.seed);
  } else {
    const from = dataset.snapshots.findIndex((s) => s.guid === record.fromGuid);
    dataset.snapshots.splice(from + 1);
    const base = dataset.snapshots[from];
    if (base) dataset.blocks = new Map(base.blocks);
    Object.assign(dataset.props, props);
  }
  record.removed.forEach((i) => dataset.blocks.delete(i));
  record.changed.forEach((index, k) => dataset.blocks.set(index, record.versions[k] ?? 0));
  dataset.nextVersion = Math.max(dataset.nextVersion, record.nextVersion);
  if (record.snapshot.imageVersion !== undefined) dataset.imageVersion = record.snapshot.imageVersion;
  if (isTop) Object.assign(dataset.props, opts.setProps);
  const snapshot = zfs.takeSnapshot(dataset, record.snapshot.name, record.snapshot.userProps);
  snapshot.guid = record.snapshot.guid;
}

/** Where the stream's top dataset lands: the name given, or with -d / -e a child of it. */
function topName(given: string, sentTop: string, mode: 'exact' | 'd' | 'e'): string {
  if (mode === 'e') return `${given}/${sentTop.slice(sentTop.lastIndexOf('/') + 1)}`;
  if (mode === 'd') return `${given}/${sentTop.split('/').slice(1).join('/')}`.replace(/\/$/, '');
  return given;
}

async function receiveStream(inv: Invocation, given: string, mode: 'exact' | 'd' | 'e', opts: Options): Promise<void> {
  const reader = new ByteReader(inv.io.stdin, inv.io.signal);
  const stream = await readStreamHeader(reader);
  const top = topName(given, stream.top, mode);
  if (mode !== 'exact' && !inv.host.zfs.get(given)) throw new ReceiveError(`cannot receive: specified fs (${given}) does not exist`);
  for (let records = 0; ; records++) {
    const magic = await reader.read(4);
    if (magic.equals(END_MAGIC)) {
      if ((await reader.read(4)).readUInt32BE() !== records) throw new ReceiveError('cannot receive: invalid stream (checksum mismatch)');
      return;
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
    if (opts.verbose) {
      const verb = opts.dryRun ? 'would receive' : 'receiving';
      const src = `${stream.top}${record.path}@${record.snapshot.name}`;
      print(inv.io.stdout, `${verb} ${kind} stream of ${src} into ${name}@${record.snapshot.name}\n`);
    }
    if (!opts.dryRun) precheck(inv, name, record, record.snapshot.name, opts);
    const bytes = record.changed.length * BLOCK_SIZE;
    await reader.forward(bytes, (chunk) => digest.update(chunk));
    const sent = await reader.read(DIGEST_BYTES);
    if (!sent.equals(digest.digest())) throw new ReceiveError(`cannot receive ${label}: invalid stream (checksum mismatch)`);
    if (opts.dryRun) continue;
    apply(inv, name, record, record.path === '', opts);
    if (opts.verbose) {
      const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
      const total = bytes + length + 8 + DIGEST_BYTES;
      print(inv.io.stdout, `received ${nicenum(total)}B stream in ${seconds} seconds (${nicenum(Math.round(total / seconds))}B/sec)\n`);
    }
  }
}

/**
 * `zfs receive [-vnFu] [-o p=v]… [-x p]… [-d|-e] target`: rebuilds the sent datasets from stdin.
 * A record is applied only after all its bytes arrived and its checksum matched, so a cut or
 * corrupt stream leaves nothing of the dataset in flight; records completed before it remain.
 */
export async function zfsReceive(inv: Invocation): Promise<number> {
  const o = getopt(inv.args, 'vnFuo:x:deC');
  if ('badOption' in o) return badOption(inv, o.badOption, USAGE);
  const [given, extra] = o.operands;
  if (!given || extra) return zfsUsage(inv, given ? 'too many arguments' : 'missing snapshot argument', USAGE);
  if (has(o, 'd') && has(o, 'e')) return zfsUsage(inv, "options -d and -e cannot be used together", USAGE);
  const setProps: Record<string, string> = {};
  for (const assignment of o.opts.get('o') ?? []) {
    const eq = assignment.indexOf('=');
    if (eq < 0) return zfsUsage(inv, `missing '=' for -o option`, USAGE);
    const key = assignment.slice(0, eq);
    const checked = validateSet('filesystem', key, assignment.slice(eq + 1));
    if ('error' in checked) return zfsError(inv, `cannot receive: ${checked.error}`);
    setProps[key] = checked.value;
  }
  const opts: Options = {
    verbose: has(o, 'v'),
    dryRun: has(o, 'n'),
    force: has(o, 'F'),
    setProps,
    excluded: o.opts.get('x') ?? [],
  };
  try {
    await receiveStream(inv, given, has(o, 'e') ? 'e' : has(o, 'd') ? 'd' : 'exact', opts);
    return 0;
  } catch (err) {
    if (err instanceof ReceiveError) return zfsError(inv, err.message);
    if (err instanceof TruncatedStreamError) return zfsError(inv, 'cannot receive: failed to read from stream');
    if (inv.io.signal.aborted) return zfsError(inv, 'cannot receive: failed to read from stream');
    throw err;
  }
}
