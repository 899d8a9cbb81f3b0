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

/** Parses `stmfadm list-lu [-v]`. */
export function parseStmfadmListLuVerbose(stdout: string): StmfLu[] {
  const lus: StmfLu[] = [];
  for (const line of outputLines(stdout)) {
    const name = /^LU Name:\s*([0-9A-Fa-f]{32})\s*$/.exec(line);
    if (name) {
      lus.push({ guid: name[1]!.toUpperCase(), properties: {} });
      continue;
    }
    const prop = /^\s+([^:]+?)\s*:\s?(.*)$/.exec(line);
    const lu = lus[lus.length - 1];
    if (!prop || !lu)
      throw new ParseError('stmfadm list-lu -v', line, 'expected "LU Name: <GUID>" or "    Property : value"');
    lu.properties[prop[1]!] = prop[2]!.trim();
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
    const entry = /^View Entry:\s*(\d+)\s*$/.exec(line);
    if (entry) {
      views.push({ entry: Number(entry[1]) });
      continue;
    }
    const field = /^\s+(Host group|Target group|LUN)\s*:\s*(.*?)\s*$/.exec(line);
    const view = views[views.length - 1];
    if (!field || !view) throw new ParseError('stmfadm list-view', line, 'expected "View Entry: <n>" or a view field');
    if (field[1] === 'Host group') view.hostGroup = field[2]!;
    else if (field[1] === 'Target group') view.targetGroup = field[2]!;
    else if (/^\d+$/.test(field[2]!)) view.lun = Number(field[2]);
    else throw new ParseError('stmfadm list-view', line, 'LUN is not a number');
  }
  return views.map((v) => {
    if (v.hostGroup === undefined || v.targetGroup === undefined || v.lun === undefined)
      throw new ParseError('stmfadm list-view', `View Entry: ${v.entry}`, 'missing host group, target group or LUN');
    return v as StmfView;
  });
}
