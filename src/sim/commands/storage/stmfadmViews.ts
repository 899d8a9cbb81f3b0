import type { LuView } from '../../model/storageFabric';
import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, has, last } from '../getopt';
import { hasGuidLength, stmfError } from './stmfCommon';

const MAX_LU_NBR = 16383;

/** The LUNs the All/All views of this host's STMF use, across its LUs (a LUN is unique per view target). */
function usedLuns(inv: Invocation): Set<number> {
  const { fabric } = inv.host.network;
  const guids = [
    ...[...fabric.lus.values()].filter((lu) => lu.storageHost === inv.host.name).map((lu) => lu.guid),
    ...[...fabric.keptViews.entries()].filter(([, k]) => k.storageHost === inv.host.name).map(([guid]) => guid),
  ];
  return new Set(guids.flatMap((g) => fabric.viewsOf(inv.host, g).map((v) => v.lun)));
}

const lowestFree = (used: Set<number>): number => {
  let n = 0;
  while (used.has(n)) n++;
  return n;
};

/**
 * `stmfadm add-view [-n lun] [-t tg] [-h hg] lu-name` (Solaris 11.0 stmfadm.c addViewFunc): the
 * length check's message lacks "long"; a view may be added to a GUID without a LU (kept until it is
 * created or imported). Host and target groups are not modelled: naming one is "invalid host group"
 * / "invalid target group" as for a group that does not exist (libstmf STMF_ERROR_INVALID_HG/TG).
 */
export const addView: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'n:t:h:');
  if ('badOption' in o) return stmfError(inv, `${o.badOption}: unknown option`);
  const [guid] = o.operands;
  if (guid === undefined || o.operands.length !== 1) return stmfError(inv, 'add-view: requires exactly one operand');
  if (!hasGuidLength(guid)) return stmfError(inv, `${guid}: must be 32 hexadecimal digits`);
  const lunArg = last(o, 'n');
  // atoi() into a uint16_t, as addViewFunc does.
  const lun = lunArg === undefined ? undefined : (parseInt(lunArg, 10) || 0) & 0xffff;
  if (lun !== undefined && lun > MAX_LU_NBR)
    return stmfError(inv, `${lun}: Logical unit number must be less than 16384`);
  if (has(o, 'h')) return stmfError(inv, 'invalid host group');
  if (has(o, 't')) return stmfError(inv, 'invalid target group');
  const { fabric } = inv.host.network;
  const views = fabric.viewsOf(inv.host, guid);
  if (views.some((v) => v.hostGroup === 'All' && v.targetGroup === 'All')) return stmfError(inv, 'view entry exists');
  const used = usedLuns(inv);
  if (lun !== undefined && used.has(lun)) return stmfError(inv, 'LUN already in use');
  const entry = lowestFree(new Set(views.map((v) => v.entry)));
  const view: LuView = { entry, hostGroup: 'All', targetGroup: 'All', lun: lun ?? lowestFree(used) };
  fabric.setViews(
    inv.host,
    guid,
    [...views, view].sort((a, b) => a.entry - b.entry),
  );
  return 0;
};

/** The -l GUID of list-view and remove-view, or the exit status of its error. */
function luOption(inv: Invocation, value: string | undefined, lengthMessage: string): string | number {
  if (value === undefined) return stmfError(inv, 'logical unit (-l) not specified');
  if (!hasGuidLength(value)) return stmfError(inv, `${value}: ${lengthMessage}`);
  return value;
}

/** `stmfadm list-view -l lu-name [entry...]` with VIEW_FORMAT "    %-13s: " (stmfadm.c listViewFunc). */
export const listView: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'l:');
  if ('badOption' in o) return stmfError(inv, `${o.badOption}: unknown option`);
  const guid = luOption(inv, last(o, 'l'), 'must be 32 hexadecimal digits long');
  if (typeof guid === 'number') return guid;
  const views = inv.host.network.fabric.viewsOf(inv.host, guid);
  if (views.length === 0) return stmfError(inv, `${guid.toLowerCase()}: no views found`);
  let status = 0;
  const field = (name: string, value: string | number): string => `    ${name.padEnd(13)}: ${value}\n`;
  const show = (v: LuView): string =>
    `View Entry: ${v.entry}\n${field('Host group', v.hostGroup)}${field('Target group', v.targetGroup)}${field('LUN', v.lun)}`;
  if (o.operands.length === 0) print(inv.io.stdout, views.map(show).join(''));
  for (const operand of o.operands) {
    const view = views.find((v) => v.entry === (parseInt(operand, 10) || 0));
    if (view) print(inv.io.stdout, show(view));
    else status = stmfError(inv, `${guid.toLowerCase()}, ${operand}: not found`);
  }
  return status;
};

/** `stmfadm remove-view -l lu-name {-a | entry...}` (stmfadm.c removeViewFunc). */
export const removeView: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'l:a');
  if ('badOption' in o) return stmfError(inv, `${o.badOption}: unknown option`);
  const all = has(o, 'a');
  if (!all && o.operands.length === 0) return stmfError(inv, 'no view entries specified');
  const guid = luOption(inv, last(o, 'l'), 'must be 32 hexadecimal digits long');
  if (typeof guid === 'number') return guid;
  const { fabric } = inv.host.network;
  let views = fabric.viewsOf(inv.host, guid);
  if (views.length === 0) return stmfError(inv, `${guid.toLowerCase()}: no views found`);
  let failures = 0;
  const entries = all ? views.map((v) => String(v.entry)) : o.operands;
  for (const operand of entries) {
    if (!/^\d+$/.test(operand)) {
      stmfError(inv, `${operand}: invalid input`);
      continue;
    }
    const entry = Number(operand);
    if (!views.some((v) => v.entry === entry)) failures += stmfError(inv, `${guid.toLowerCase()}: ${entry}: not found`);
    views = views.filter((v) => v.entry !== entry);
  }
  fabric.setViews(inv.host, guid, views);
  return failures;
};
