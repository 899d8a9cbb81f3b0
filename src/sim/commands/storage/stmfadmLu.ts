import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, has } from '../getopt';
import { hasGuidLength, isGuid, stmfError, zvolOfDataFile } from './stmfCommon';

/** The -p names create-lu takes (stmfadm.c convertCharToPropId, case-insensitive). */
const LU_PROPS = ['guid', 'alias', 'vid', 'pid', 'wp', 'wcd', 'blk', 'serial', 'oui', 'meta', 'mgmt-url', 'host-id'];

/**
 * The zvol behind a data file on this host, or the error stmfadm prints: a missing file is the sbd
 * driver's SBD_RET_DATA_FILE_LOOKUP_FAILED, "data file error" (Solaris 11.0 libstmf stmf.c
 * diskError, stmfadm.c createLuFunc). Only zvols are modelled.
 */
function dataFileZvol(inv: Invocation, path: string): string | number {
  const zvol = zvolOfDataFile(path);
  if (zvol === undefined || inv.host.dataset(zvol)?.type !== 'volume') return stmfError(inv, 'data file error');
  if (inv.host.network.fabric.luOfZvol(inv.host, zvol)) return stmfError(inv, `filename ${path}: in use`);
  return zvol;
}

/** `stmfadm create-lu [-p prop=val]... [-s size] lu-file` (Solaris 11.0 stmfadm.c createLuFunc). */
export const createLu: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'p:s:');
  if ('badOption' in o) return stmfError(inv, `${o.badOption}: unknown option`);
  const [file] = o.operands;
  if (file === undefined || o.operands.length !== 1) return stmfError(inv, 'create-lu: requires exactly one operand');
  const props: Record<string, string> = {};
  for (const spec of o.opts.get('p') ?? []) {
    // setLuPropFromInput: strtok_r on '=', its message ends in "\n" before the format's own.
    const [name = '', value] = spec.split('=').filter((s) => s !== '');
    if (value === undefined) return stmfError(inv, `${spec}: invalid property specifier - prop=val\n`);
    if (!LU_PROPS.includes(name.toLowerCase())) return stmfError(inv, `invalid property specified: ${name}`);
    // libstmf stmfSetLuProp: a GUID must be 32 hex digits (STMF_ERROR_INVALID_ARG, "bad format").
    if (name.toLowerCase() === 'guid' && !isGuid(value)) return stmfError(inv, `unable to set ${name}: bad format`);
    props[name.toLowerCase()] = value;
  }
  const zvol = dataFileZvol(inv, file);
  if (typeof zvol === 'number') return zvol;
  const { fabric } = inv.host.network;
  const guid = (props.guid ?? fabric.newGuid(inv.host)).toUpperCase();
  if (fabric.lu(guid)) return stmfError(inv, 'guid in use');
  register(inv, guid, zvol, props.alias ?? file);
  print(inv.io.stdout, `Logical unit created: ${guid}\n`);
  return 0;
};

/**
 * A new registered LU, online, with the views its GUID already has in this host's STMF, and the
 * GUID kept on the zvol for a later import-lu. The default alias is the data file (inferred from
 * published list-lu -v output).
 */
function register(inv: Invocation, guid: string, zvol: string, alias: string): void {
  const { fabric } = inv.host.network;
  const views = fabric.viewsOf(inv.host, guid);
  fabric.keptViews.delete(guid);
  fabric.registerLu({ guid, storageHost: inv.host.name, zvol, alias, online: true, views });
  inv.host.dataset(zvol)!.stmfSbdLu = guid;
}

/**
 * `stmfadm import-lu lu-file`: registers the LU whose metadata the zvol carries, with its GUID. A
 * zvol without it is SBD_RET_NO_META, "meta file error" (libstmf diskError; stmfadm.c importLuFunc).
 */
export const importLu: CommandHandler = async (inv) => {
  const [file] = inv.args;
  if (file === undefined || inv.args.length !== 1) return stmfError(inv, 'import-lu: requires exactly one operand');
  const zvol = dataFileZvol(inv, file);
  if (typeof zvol === 'number') return zvol;
  const guid = inv.host.dataset(zvol)?.stmfSbdLu;
  if (guid === undefined) return stmfError(inv, 'meta file error');
  if (inv.host.network.fabric.lu(guid)) return stmfError(inv, 'guid in use');
  register(inv, guid, zvol, file);
  print(inv.io.stdout, `Logical unit imported: ${guid}\n`);
  return 0;
};

/**
 * `stmfadm delete-lu [-k] lu-name...` (stmfadm.c deleteLuFunc): each bad or unknown GUID counts one
 * into the exit status; "not found" names the GUID in lower case, and is not printed when views of
 * that GUID were removed (or kept with -k).
 */
export const deleteLu: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'k');
  if ('badOption' in o) return stmfError(inv, `${o.badOption}: unknown option`);
  const keep = has(o, 'k');
  const { fabric } = inv.host.network;
  let failures = 0;
  for (const operand of o.operands) {
    if (!isGuid(operand)) {
      failures += stmfError(inv, `${operand}: must be 32 hexadecimal digits long`);
      continue;
    }
    const lu = fabric.lu(operand);
    const views = fabric.viewsOf(inv.host, operand);
    if (lu?.storageHost === inv.host.name) fabric.deleteLu(operand, keep);
    else if (!keep) fabric.setViews(inv.host, operand, []);
    if (lu?.storageHost !== inv.host.name && views.length === 0)
      failures += stmfError(inv, `${operand.toLowerCase()}: not found`);
  }
  return failures;
};

/**
 * `stmfadm online-lu` / `offline-lu` (stmfadm.c onlineOfflineLu). online-lu first refuses while the
 * STMF service is offline: "STMF service is offline" (stmfadm.c onlineLuFunc).
 */
export function onlineOfflineLu(online: boolean): CommandHandler {
  return async (inv) => {
    const [operand] = inv.args;
    if (operand === undefined || inv.args.length !== 1) return stmfError(inv, 'requires exactly one operand');
    if (online && inv.host.services.get('svc:/system/stmf:default') !== 'online')
      return stmfError(inv, 'STMF service is offline');
    if (!hasGuidLength(operand)) return stmfError(inv, `${operand}: must be 32 hexadecimal digits long`);
    const lu = inv.host.network.fabric.lu(operand);
    if (lu?.storageHost !== inv.host.name) return stmfError(inv, `${operand}: not found`);
    lu.online = online;
    return 0;
  };
}
