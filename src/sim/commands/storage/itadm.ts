import { newUuid } from '../../model/ids';
import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, has, last } from '../getopt';

const fail = (inv: Invocation, text: string): 1 => {
  print(inv.io.stderr, `${text}\n`);
  return 1;
};

/** A target is online in STMF while the iSCSI target service runs; otherwise STMF knows it not ("-"). */
const stateOf = (inv: Invocation): string =>
  inv.host.services.get('svc:/network/iscsi/target:default') === 'online' ? 'online' : '-';

/**
 * Initiators logged in to this storage host's targets: hosts that discovered it (one session each;
 * inferred, the initiator logs in to every target SendTargets reports).
 */
function sessions(inv: Invocation): number {
  const { fabric } = inv.host.network;
  return [...fabric.discovery.keys()].filter((name) => {
    const host = fabric.host(name);
    return host !== undefined && fabric.discoveredStorage(host).some((s) => s.name === inv.host.name);
  }).length;
}

/**
 * `itadm create-target [-n iqn]`: "Target %s successfully created" (Solaris 11.0 itadm.c
 * create_target). The generated name is iqn.1986-03.com.sun:02:<uuid> (inferred from libiscsit's
 * it_iqn_generate and published output).
 */
const createTarget: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'n:t:l:s:');
  if ('badOption' in o) return fail(inv, `itadm: illegal option -- ${o.badOption}`);
  const iqn = last(o, 'n') ?? `iqn.1986-03.com.sun:02:${newUuid()}`;
  const { fabric } = inv.host.network;
  const targets = fabric.targetsOf(inv.host);
  // it_tgt_create refuses a name in use (inferred wording through output_config_error).
  if (targets.some((t) => t.toLowerCase() === iqn.toLowerCase()))
    return fail(inv, `Error creating target: ${iqn} already exists`);
  fabric.targets.set(inv.host.name, [...targets, iqn]);
  print(inv.io.stdout, `Target ${iqn} successfully created\n`);
  return 0;
};

/**
 * `itadm list-target [-v] [target]` (itadm.c list_target): header "%-61s%-9s%-9s", rows
 * "%-61s%-9s%-9d" (a tab after a name longer than 60), and with -v the alias, auth, chap and
 * tpg-tags lines; "Target %s not found!" for an unknown operand.
 */
const listTarget: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'vp');
  if ('badOption' in o) return fail(inv, `itadm: illegal option -- ${o.badOption}`);
  const [wanted] = o.operands;
  const all = inv.host.network.fabric.targetsOf(inv.host);
  const shown = wanted === undefined ? all : all.filter((t) => t.toLowerCase() === wanted.toLowerCase());
  const state = stateOf(inv);
  const count = state === 'online' ? sessions(inv) : 0;
  const rows = shown.map((iqn) => {
    const row = `${iqn.padEnd(61)}${iqn.length > 60 ? '\t' : ''}${state.padEnd(9)}${String(count).padEnd(9)}`;
    if (!has(o, 'v')) return `${row}\n`;
    const line = (label: string, value: string): string => `\t${label.padEnd(20)}\t${value}\n`;
    return `${row}\n${line('alias:', '-')}${line('auth:', 'none (defaults)')}${line('targetchapuser:', '-')}${line('targetchapsecret:', 'unset')}${line('tpg-tags:', 'default')}`;
  });
  if (rows.length > 0)
    print(inv.io.stdout, `${'TARGET NAME'.padEnd(61)}${'STATE'.padEnd(9)}${'SESSIONS'.padEnd(9)}\n${rows.join('')}`);
  if (wanted !== undefined && shown.length === 0) return fail(inv, `Target ${wanted} not found!`);
  return 0;
};

/**
 * `itadm delete-target [-f] target` (itadm.c delete_target): an online target needs -f ("The
 * target is online or busy. …"); an unknown one is "Target %s not found". Exit 1 (inferred).
 */
const deleteTarget: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'f');
  if ('badOption' in o) return fail(inv, `itadm: illegal option -- ${o.badOption}`);
  const [iqn] = o.operands;
  if (iqn === undefined) return fail(inv, 'Error, no target specified');
  const { fabric } = inv.host.network;
  const targets = fabric.targetsOf(inv.host);
  const found = targets.find((t) => t.toLowerCase() === iqn.toLowerCase());
  if (!found) return fail(inv, `Target ${iqn} not found`);
  if (stateOf(inv) === 'online' && !has(o, 'f'))
    return fail(inv, `The target is online or busy. Use the -f (force) option, or 'stmfadm offline-target ${iqn}'`);
  fabric.targets.set(
    inv.host.name,
    targets.filter((t) => t !== found),
  );
  return 0;
};

const SUBCOMMANDS: Record<string, CommandHandler> = {
  'create-target': createTarget,
  'list-target': listTarget,
  'delete-target': deleteTarget,
};

/** itadm(8), the target subcommands. */
export const itadm: CommandHandler = async (inv) => {
  const [sub, ...args] = inv.args;
  const handler = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!handler) return fail(inv, `itadm: unknown subcommand ${sub ?? ''}`.trimEnd());
  return handler({ ...inv, args });
};
