import { absolutePathArg } from './commandArgs';
import { outputLines } from './outputLines';
import { ParseError } from './parseError';

/** `df -k path`: which file system holds a path (df(8)). */
export function dfK(path: string): readonly string[] {
  return ['df', '-k', absolutePathArg(path)];
}

export interface DfEntry {
  /** The file system: `server:/path` for NFS, a dataset name for ZFS. */
  filesystem: string;
  mountedOn: string;
}

/**
 * Parses `df -k`: a header, then `filesystem kbytes used avail capacity mounted-on`; a long
 * file system name is printed alone on its line with the numbers on the next, so the rows are
 * read as one stream of fields.
 */
export function parseDfK(stdout: string): DfEntry[] {
  const fields = outputLines(stdout)
    .filter((line) => !/^Filesystem\s/.test(line))
    .flatMap((line) => line.trim().split(/\s+/))
    .filter((f) => f !== '');
  const entries: DfEntry[] = [];
  for (let i = 0; i + 5 < fields.length; i += 6) {
    const filesystem = fields[i]!;
    const mountedOn = fields[i + 5]!;
    if (!/^\d+$/.test(fields[i + 1]!))
      throw new ParseError('df -k', filesystem, 'expected kbytes after the file system');
    entries.push({ filesystem, mountedOn });
  }
  if (entries.length === 0) throw new ParseError('df -k', stdout.trim(), 'no file system listed');
  return entries;
}

/** An NFS file system as df shows it: `server:/path`. */
export function isNfsFilesystem(filesystem: string): boolean {
  return /^[^/:\s]+:\//.test(filesystem);
}
