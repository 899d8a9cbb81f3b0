import { absolutePathArg } from './commandArgs';
import { ParseError } from './parseError';

// zdb(8) -l: a device's ZFS labels (Solaris 11.0 zdb.c dump_label, dump_nvlist);
// docs/solaris-commands.md#zdb--l.

/** `zdb -l <device>`: read-only. zdb wants the raw device and rewrites `/dev/dsk/` to `/dev/rdsk/` itself. */
export function zdbLabels(device: string): readonly string[] {
  return ['zdb', '-l', absolutePathArg(device)];
}

export interface ZfsLabel {
  index: number;
  /** Solaris prints labels 1–3 as "- CONFIG MATCHES LABEL n" when they repeat it: their fields are that label's. */
  matches?: number;
  /** The nvlist's top-level pairs: `name`, `pool_guid`, `hostid`, `hostname`, `txg`, `state`, … (quotes removed). */
  fields: Record<string, string>;
  /** The `vdev_tree` pairs: `type`, `path`, `devid`, `phys_path`, `whole_disk`, … */
  vdevTree: Record<string, string>;
  /** "failed to unpack label N": the label is unreadable. */
  unreadable?: boolean;
}

const unquote = (v: string) => (/^'.*'$/.test(v) ? v.slice(1, -1) : v);

/** Parses `zdb -l` output: labels 0–3, with their pairs by nesting (four spaces, eight for vdev_tree). */
export function parseZdbLabels(text: string): ZfsLabel[] {
  const labels: ZfsLabel[] = [];
  let inTree = false;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || /^-+$/.test(line.trim())) continue;
    const header = /^LABEL (\d)(?: - CONFIG MATCHES LABEL (\d))?\s*$/.exec(line.trim());
    if (header) {
      labels.push({
        index: Number(header[1]),
        ...(header[2] !== undefined && { matches: Number(header[2]) }),
        fields: {},
        vdevTree: {},
      });
      inTree = false;
      continue;
    }
    const label = labels[labels.length - 1];
    if (!label) throw new ParseError('zdb -l', line, 'expected "LABEL <n>" first');
    if (/^failed to (unpack|read) label \d/.test(line.trim())) {
      label.unreadable = true;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) throw new ParseError('zdb -l', line, 'expected "name: value"');
    const indent = line.length - line.trimStart().length;
    const key = line.slice(0, colon).trim();
    const value = unquote(line.slice(colon + 1).trim());
    if (key === 'vdev_tree' && value === '') {
      inTree = true;
      continue;
    }
    if (inTree && indent > 4) label.vdevTree[key] = value;
    else {
      inTree = false;
      label.fields[key] = value;
    }
  }
  // A label that repeats another's config has that label's fields.
  return labels.map((l) => {
    const source = l.matches === undefined ? undefined : labels.find((o) => o.index === l.matches);
    return source && Object.keys(l.fields).length === 0
      ? { ...l, fields: source.fields, vdevTree: source.vdevTree }
      : l;
  });
}
