import type { Dialect } from '../hosts/host';
import { absolutePathArg } from './commandArgs';
import { InvalidArgumentError, ParseError } from './parseError';
import { parseScanLines, type ScanStatus } from './zpoolScan';

// zpool(8). Formats from the Solaris 11.0 source, zpool_main.c (status_callback,
// print_status_config, show_import) and Oracle's 11.4 manuals; docs/solaris-commands.md#zpool.

/** A pool name (zpool(8): a letter first, then letters, digits, `_ - . :`). */
function poolArg(pool: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_.:-]{0,254}$/.test(pool))
    throw new InvalidArgumentError(`invalid pool name ${JSON.stringify(pool)}`);
  return pool;
}

/** A device as `zpool` takes it: a name like `c1d1` (never an option), or an absolute path. */
function deviceArg(device: string): string {
  if (device.startsWith('/')) return absolutePathArg(device);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(device))
    throw new InvalidArgumentError(`invalid device ${JSON.stringify(device)}`);
  return device;
}

export function zpoolStatus(pool?: string): readonly string[] {
  return ['zpool', 'status', ...(pool === undefined ? [] : [poolArg(pool)])];
}

/** Bare `zpool import`: lists the pools that could be imported, changes nothing. */
export function zpoolImportList(): readonly string[] {
  return ['zpool', 'import'];
}

/**
 * `zpool import -R altroot -N -f` under a temporary name. Solaris takes the name as `-t TMPNAME`
 * before the pool; illumos (issue 5882) and OpenZFS take `-t` as a flag and the new name after it.
 * `pool` may be the numeric id (`zpool import` lists it) when names are ambiguous.
 */
export function zpoolImportTemporary(
  dialect: Dialect,
  o: { altroot: string; pool: string; tempName: string; force?: boolean; noMount?: boolean },
): readonly string[] {
  const flags = ['-R', absolutePathArg(o.altroot), ...(o.noMount ? ['-N'] : []), ...(o.force ? ['-f'] : [])];
  const pool = /^\d+$/.test(o.pool) ? o.pool : poolArg(o.pool);
  return dialect === 'solaris11'
    ? ['zpool', 'import', ...flags, '-t', poolArg(o.tempName), pool]
    : ['zpool', 'import', ...flags, '-t', pool, poolArg(o.tempName)];
}

export function zpoolExport(pool: string): readonly string[] {
  return ['zpool', 'export', poolArg(pool)];
}

export function zpoolAttach(
  pool: string,
  existing: string,
  added: string,
  opts: { force?: boolean } = {},
): readonly string[] {
  return ['zpool', 'attach', ...(opts.force ? ['-f'] : []), poolArg(pool), deviceArg(existing), deviceArg(added)];
}

export function zpoolDetach(pool: string, device: string): readonly string[] {
  return ['zpool', 'detach', poolArg(pool), deviceArg(device)];
}

/** One line of a pool's `config:` tree. */
export interface VdevLine {
  name: string;
  /** 0 for the pool itself, 1 for top-level vdevs (`mirror-0`, a disk), 2 for their children. */
  depth: number;
  state: string;
  read?: string;
  write?: string;
  cksum?: string;
  /** What follows the counts: `(resilvering)`, `cannot open`, `was /dev/dsk/…`. */
  note?: string;
}

/**
 * The `config:` tree, two spaces of indent per depth after the tab (print_status_config's
 * `"\t%*s%-*s  %-8s %5s %5s %5s"`); the import listing has no counts. Split on blanks: 11.4 widens
 * the STATE column. Sections `logs`, `cache`, `spares` come back as depth-1 names.
 */
function parseConfig(lines: readonly string[], command: string): VdevLine[] {
  const out: VdevLine[] = [];
  for (const line of lines) {
    if (!line.trim() || /^\s*NAME\s+STATE\b/.test(line)) continue;
    const body = line.replace(/^\t/, '');
    const indent = body.length - body.trimStart().length;
    const [name, state, read, write, cksum, ...note] = body.trim().split(/\s+/);
    if (name === undefined) continue;
    if (indent % 2 !== 0) throw new ParseError(command, line, 'config indent is not a multiple of two');
    const isSection = state === undefined && ['logs', 'cache', 'spares'].includes(name);
    if (state === undefined && !isSection) throw new ParseError(command, line, 'a vdev line without a state');
    out.push({
      name,
      depth: indent / 2,
      state: state ?? '',
      ...(read !== undefined && { read }),
      ...(write !== undefined && { write }),
      ...(cksum !== undefined && { cksum }),
      ...(note.length > 0 && { note: note.join(' ') }),
    });
  }
  return out;
}

/** Header fields (`pool:`, `state:`, `status:` …), continuation lines (a tab, or deeper indent) joined. */
function parseFields(lines: readonly string[]): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const field = /^ {0,8}([a-z]+): ?(.*)$/.exec(line);
    if (field) {
      current = [field[2]!];
      fields.set(field[1]!, current);
    } else if (current && line.trim()) current.push(line.trim());
  }
  return fields;
}

/** Splits output into the blocks that begin with a `pool:` line, and each block into header and config. */
function poolBlocks(text: string, command: string): { header: string[]; config: string[] }[] {
  const lines = text.split(/\r?\n/);
  const blocks: { header: string[]; config: string[] }[] = [];
  let inConfig = false;
  for (const line of lines) {
    if (/^ {0,4}pool: /.test(line)) {
      blocks.push({ header: [line], config: [] });
      inConfig = false;
      continue;
    }
    const block = blocks[blocks.length - 1];
    if (!block) {
      if (line.trim()) throw new ParseError(command, line, 'expected "pool: <name>" first');
      continue;
    }
    if (/^ {0,4}config:\s*$/.test(line)) inConfig = true;
    else if (/^ {0,4}errors: /.test(line)) {
      block.header.push(line);
      inConfig = false;
    } else if (inConfig) block.config.push(line);
    else block.header.push(line);
  }
  return blocks;
}

export interface PoolStatus {
  pool: string;
  state: string;
  status?: string;
  action?: string;
  scan: ScanStatus;
  config: VdevLine[];
  errors?: string;
}

/** Parses `zpool status [pool]`: one entry per pool. */
export function parseZpoolStatus(text: string): PoolStatus[] {
  return poolBlocks(text, 'zpool status').map(({ header, config }) => {
    const fields = parseFields(header);
    const one = (name: string) => fields.get(name)?.join(' ');
    const pool = one('pool');
    const state = one('state');
    if (!pool || !state) throw new ParseError('zpool status', header.join('\n'), 'a pool without a state');
    const status = one('status');
    const action = one('action');
    const errors = one('errors');
    return {
      pool,
      state,
      ...(status !== undefined && { status }),
      ...(action !== undefined && { action }),
      scan: parseScanLines(fields.get('scan') ?? ['none requested']),
      config: parseConfig(config, 'zpool status'),
      ...(errors !== undefined && { errors }),
    };
  });
}

export interface ImportablePool {
  name: string;
  /** The numeric identifier, as a string: it exceeds a double's precision. */
  id: string;
  state: string;
  status?: string;
  action?: string;
  /** The pool was last used by another host: importing it needs `-f`. */
  inUseElsewhere: boolean;
  config: VdevLine[];
}

/** Parses bare `zpool import` (show_import); "no pools available to import" is an empty list. */
export function parseZpoolImportListing(text: string): ImportablePool[] {
  if (/^\s*no pools available to import\s*$/.test(text)) return [];
  return poolBlocks(text, 'zpool import').map(({ header, config }) => {
    const fields = parseFields(header);
    const one = (name: string) => fields.get(name)?.join(' ');
    const [name, id, state] = [one('pool'), one('id'), one('state')];
    if (!name || !id || !/^\d+$/.test(id) || !state)
      throw new ParseError('zpool import', header.join('\n'), 'expected pool, numeric id and state');
    const status = one('status');
    const action = one('action');
    return {
      name,
      id,
      state,
      ...(status !== undefined && { status }),
      ...(action !== undefined && { action }),
      inUseElsewhere: /last accessed by another system/.test(status ?? ''),
      config: parseConfig(config, 'zpool import'),
    };
  });
}
