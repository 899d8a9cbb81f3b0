import { absolutePathArg, guidArg, stmfGroupArg } from './commandArgs';
import { outputLines } from './outputLines';
import { ParseError } from './parseError';

// stmfadm(8) (COMSTAR). Formats from the Solaris 11.0 source, stmfadm.c: list-lu prints
// "LU Name: <GUID>" and, with -v, "    %-18s: %s" property lines (printLuProps, printExtLuProps);
// list-view prints "View Entry: <n>" and "    %-13s: %s" lines (VIEW_FORMAT). docs/solaris-commands.md#stmfadm.

/** `stmfadm list-lu -v [guid]`: every registered LU (and GUIDs with views only), with its properties. */
export function stmfadmListLu(guid?: string): readonly string[] {
  return ['stmfadm', 'list-lu', '-v', ...(guid === undefined ? [] : [guidArg(guid)])];
}

/** `stmfadm list-view -l <guid>`. */
export function stmfadmListView(guid: string): readonly string[] {
  return ['stmfadm', 'list-view', '-l', guidArg(guid)];
}

/** `stmfadm delete-lu [-k] <guid>`: without `-k` the LU's views go with it. */
export function stmfadmDeleteLu(guid: string, opts: { keepViews?: boolean } = {}): readonly string[] {
  return ['stmfadm', 'delete-lu', ...(opts.keepViews ? ['-k'] : []), guidArg(guid)];
}

/** `stmfadm import-lu <device>`: registers the LU whose metadata the zvol carries, with its GUID. */
export function stmfadmImportLu(device: string): readonly string[] {
  return ['stmfadm', 'import-lu', absolutePathArg(device)];
}

/** `stmfadm add-view [-h hg] [-t tg] [-n lun] <guid>`: the group `All` is the default, given by omitting its option. */
export function stmfadmAddView(
  guid: string,
  v: { hostGroup: string; targetGroup: string; lun: number },
): readonly string[] {
  return [
    'stmfadm',
    'add-view',
    ...(v.hostGroup === 'All' ? [] : ['-h', stmfGroupArg(v.hostGroup)]),
    ...(v.targetGroup === 'All' ? [] : ['-t', stmfGroupArg(v.targetGroup)]),
    '-n',
    String(v.lun),
    guidArg(guid),
  ];
}

export interface StmfLu {
  guid: string;
  /** `Online`, `Offline`, or `unregistered` for a GUID that has views but no LU. */
  operationalStatus?: string;
  alias?: string;
  dataFile?: string;
  viewEntryCount?: number;
  /** Every "Key : value" line as printed. */
  properties: Record<string, string>;
}

/** An indented "Key : value" line split at its first colon (no regex: host output may be hostile). */
function propertyLine(line: string): [string, string] | undefined {
  const colon = line.indexOf(':');
  if (colon < 0 || !/^\s/.test(line)) return undefined;
  const key = line.slice(0, colon).trim();
  return key ? [key, line.slice(colon + 1).trim()] : undefined;
}

/** The GUID of an "LU Name: <GUID>" line. */
function luNameLine(line: string): string | undefined {
  if (!line.startsWith('LU Name:')) return undefined;
  const guid = line.slice('LU Name:'.length).trim();
  return /^[0-9A-Fa-f]{32}$/.test(guid) ? guid.toUpperCase() : undefined;
}

/** Parses `stmfadm list-lu [-v]`. */
export function parseStmfadmListLuVerbose(stdout: string): StmfLu[] {
  const lus: StmfLu[] = [];
  for (const line of outputLines(stdout)) {
    const guid = luNameLine(line);
    if (guid) {
      lus.push({ guid, properties: {} });
      continue;
    }
    const prop = propertyLine(line);
    const lu = lus[lus.length - 1];
    if (!prop || !lu)
      throw new ParseError('stmfadm list-lu -v', line, 'expected "LU Name: <GUID>" or "    Property : value"');
    lu.properties[prop[0]] = prop[1];
  }
  return lus.map((lu) => {
    const p = lu.properties;
    const count = p['View Entry Count'];
    return {
      ...lu,
      ...(p['Operational Status'] !== undefined && { operationalStatus: p['Operational Status'] }),
      ...(p['Alias'] !== undefined && { alias: p['Alias'] }),
      ...(p['Data File'] !== undefined && { dataFile: p['Data File'] }),
      ...(count !== undefined && /^\d+$/.test(count) && { viewEntryCount: Number(count) }),
    };
  });
}

export interface StmfView {
  entry: number;
  hostGroup: string;
  targetGroup: string;
  lun: number;
}

/** Parses `stmfadm list-view -l <guid>`. */
export function parseStmfadmListView(stdout: string): StmfView[] {
  const views: Partial<StmfView>[] = [];
  for (const line of outputLines(stdout)) {
    if (line.startsWith('View Entry:')) {
      const entry = line.slice('View Entry:'.length).trim();
      if (!/^\d+$/.test(entry)) throw new ParseError('stmfadm list-view', line, 'the view entry is not a number');
      views.push({ entry: Number(entry) });
      continue;
    }
    const field = propertyLine(line);
    const view = views[views.length - 1];
    if (!field || !view) throw new ParseError('stmfadm list-view', line, 'expected "View Entry: <n>" or a view field');
    const [key, value] = field;
    if (key === 'Host group') view.hostGroup = value;
    else if (key === 'Target group') view.targetGroup = value;
    else if (key === 'LUN' && /^\d+$/.test(value)) view.lun = Number(value);
    else throw new ParseError('stmfadm list-view', line, 'expected Host group, Target group or a numeric LUN');
  }
  return views.map((v) => {
    if (v.hostGroup === undefined || v.targetGroup === undefined || v.lun === undefined)
      throw new ParseError('stmfadm list-view', `View Entry: ${v.entry}`, 'missing host group, target group or LUN');
    return v as StmfView;
  });
}
