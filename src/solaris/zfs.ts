import type { Dialect } from '../hosts/host';
import { outputLines } from './outputLines';
import { ParseError } from './parseError';
import { parseSize } from './units';

export type ZfsType = 'filesystem' | 'volume' | 'snapshot' | 'all';

/**
 * `depth` takes precedence over `recursive` (`-d N` is a bounded `-r`). No `-p`: Solaris 11.0 and
 * zfs-fuse lack it (`invalid option 'p'`), so lists are for names and paths only; numbers are read
 * with `zfs get -Hp`, which every release has.
 */
export function zfsList(opts: {
  props: string[];
  recursive?: boolean;
  depth?: number;
  type?: ZfsType;
  datasets: string[];
}): readonly string[] {
  return [
    'zfs',
    'list',
    '-H',
    '-o',
    opts.props.join(','),
    ...recursionFlags(opts),
    ...(opts.type === undefined ? [] : ['-t', opts.type]),
    ...opts.datasets,
  ];
}

function recursionFlags(opts: { recursive?: boolean; depth?: number }): string[] {
  if (opts.depth !== undefined) return ['-d', String(opts.depth)];
  return opts.recursive ? ['-r'] : [];
}

/**
 * Parses `zfs list -H -o <props>`: one row per line, one tab between fields. Falls back to
 * splitting on whitespace when a line has no tabs (output copied through a terminal).
 */
export function parseZfsList(stdout: string, props: string[]): Record<string, string>[] {
  return outputLines(stdout).map((line) => {
    const fields = splitRow(line, props.length);
    if (fields === undefined) {
      throw new ParseError('zfs list', line, `expected ${props.length} fields (${props.join(',')})`);
    }
    return Object.fromEntries(props.map((prop, i) => [prop, fields[i] ?? '']));
  });
}

function splitRow(line: string, count: number): string[] | undefined {
  const byTab = line.split('\t');
  if (byTab.length === count) return byTab;
  const byWhitespace = line.trim().split(/\s+/);
  return byWhitespace.length === count ? byWhitespace : undefined;
}

/**
 * `zfs get -H -p -o name,property,value,source`. `-r` goes before the property list: Solaris
 * getopt stops at the first operand, so a later `-r` would be read as a dataset name.
 */
export function zfsGet(opts: { props: string[]; datasets: string[]; recursive?: boolean }): readonly string[] {
  return [
    'zfs',
    'get',
    '-H',
    '-p',
    ...(opts.recursive ? ['-r'] : []),
    '-o',
    'name,property,value,source',
    opts.props.join(','),
    ...opts.datasets,
  ];
}

export interface ZfsGetRow {
  name: string;
  property: string;
  value: string;
  /** `local`, `default`, `-`, `received`, `temporary`, `inherited from <ds>`. */
  source: string;
}

export function parseZfsGet(stdout: string): ZfsGetRow[] {
  // -H prints values raw, and a user property may hold tabs and newlines: only a line of exactly
  // four tab-separated fields is a row, so a forged one fails here rather than being acted on.
  return outputLines(stdout).map((line) => {
    const fields = line.split('\t');
    if (fields.length !== 4)
      throw new ParseError('zfs get', line, 'expected name, property, value and source separated by tabs');
    const [name = '', property = '', value = '', source = ''] = fields;
    return { name, property, value, source };
  });
}

/** `props` are set on the new snapshot(s), e.g. a `zmig:` ownership marker. */
export function zfsSnapshot(
  snapshot: string,
  opts: { recursive: boolean; props?: Record<string, string> },
): readonly string[] {
  return ['zfs', 'snapshot', ...(opts.recursive ? ['-r'] : []), ...propertyOptions(opts.props), snapshot];
}

export function zfsDestroy(target: string, opts: { recursive?: boolean } = {}): readonly string[] {
  return ['zfs', 'destroy', ...(opts.recursive ? ['-r'] : []), target];
}

/** `zfs rollback [-r] fs@snap`: `-r` destroys the snapshots newer than it (never `-R`: clones stay). */
export function zfsRollback(snapshot: string, opts: { destroyNewer?: boolean } = {}): readonly string[] {
  return ['zfs', 'rollback', ...(opts.destroyNewer ? ['-r'] : []), snapshot];
}

export function zfsSet(dataset: string, prop: string, value: string): readonly string[] {
  return ['zfs', 'set', `${prop}=${value}`, dataset];
}

export function zfsInherit(dataset: string, prop: string): readonly string[] {
  return ['zfs', 'inherit', prop, dataset];
}

export function zfsMount(dataset: string): readonly string[] {
  return ['zfs', 'mount', dataset];
}

function propertyOptions(props: Record<string, string> | undefined): string[] {
  return Object.entries(props ?? {}).flatMap(([prop, value]) => ['-o', `${prop}=${value}`]);
}

/**
 * The send half of a transfer. `fromSnap` is the short name after `@` of the previous
 * snapshot, for an incremental stream.
 * - solaris11: `-r` sends the dataset and its descendants, `-c` makes the recursive stream
 *   self-contained (docs/procedures.md#coldmove: `zfs send -rc`, `zfs send -rci @move pool/ds@move1`).
 * - illumos has no `-r`; `-R` is the recursive replication stream and also carries
 *   properties (so the `zmig:` markers travel). `-i` rather than `-I`: the intermediate
 *   snapshots are not needed, only the delta since the last one the target has.
 */
export function zfsSend(
  dialect: Dialect,
  opts: { snapshot: string; fromSnap?: string; recursive: boolean },
): readonly string[] {
  const incremental = opts.fromSnap === undefined ? [] : ['-i', `@${opts.fromSnap.replace(/^@/, '')}`];
  const recursive = opts.recursive ? [dialect === 'solaris11' ? '-rc' : '-R'] : [];
  return ['zfs', 'send', ...recursive, ...incremental, opts.snapshot];
}

/**
 * The receive half: `-e` keeps only the last component of the sent name under `parent`
 * (docs/procedures.md#coldmove: `zfs receive -v -e rpool/zones`). The same flags on both dialects.
 */
export function zfsReceive(
  _dialect: Dialect,
  opts: { parent: string; setProps?: Record<string, string>; noMount?: boolean; verbose?: boolean },
): readonly string[] {
  return [
    'zfs',
    'receive',
    ...(opts.verbose ? ['-v'] : []),
    ...(opts.noMount ? ['-u'] : []),
    '-e',
    ...propertyOptions(opts.setProps),
    opts.parent,
  ];
}

export interface ReceivedStream {
  kind: 'full' | 'incremental';
  /** The snapshot named in the stream. */
  source: string;
  /** The snapshot it was received as. */
  target: string;
}

export interface ReceiveReport {
  streams: ReceivedStream[];
  /** From the last `received <size> stream in N seconds` line, if any. */
  receivedBytes?: number;
}

/** Reads `zfs receive -v` output (libzfs prints it on stdout); lines it does not know (warnings) are ignored. */
export function parseReceiveVerbose(output: string): ReceiveReport {
  const report: ReceiveReport = { streams: [] };
  for (const line of outputLines(output)) {
    const stream = /^\s*(?:receiving|would receive) (full|incremental) stream of (\S+) into (\S+)\s*$/.exec(line);
    if (stream !== null) {
      const [, kind, source = '', target = ''] = stream;
      report.streams.push({ kind: kind === 'full' ? 'full' : 'incremental', source, target });
      continue;
    }
    const received = /^\s*received (\S+) stream in /.exec(line);
    if (received !== null) report.receivedBytes = parseSize(received[1] ?? '');
  }
  return report;
}

export type ZfsErrorKind =
  | 'does-not-exist'
  | 'exists'
  | 'busy'
  | 'incremental-mismatch'
  | 'modified-since-snapshot'
  | 'other';

/** Classifies zfs stderr (the libzfs error texts, docs/solaris-commands.md#zfs-error-texts); messages may wrap across lines. */
export function classifyZfsError(stderr: string): ZfsErrorKind {
  const text = stderr.replace(/\s+/g, ' ');
  if (/has been modified since most recent snapshot/i.test(text)) return 'modified-since-snapshot';
  if (/does not match incremental source/i.test(text)) return 'incremental-mismatch';
  // "volume is busy" is how a write-up quotes the real "dataset is busy" (docs/procedures.md#iscsilurollback).
  if (/(dataset|volume|pool or dataset|device) is busy/i.test(text)) return 'busy';
  if (/dataset does not exist|no such pool or dataset|no such pool\b/i.test(text)) return 'does-not-exist';
  if (/dataset already exists|destination '[^']*' exists/i.test(text)) return 'exists';
  return 'other';
}
