import type { LogicalUnit } from '../../model/storageFabric';
import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, has } from '../getopt';
import { dataFileOf, isGuid, stmfError } from './stmfCommon';

/** PROPS_FORMAT of Solaris 11.0 stmfadm.c. */
const prop = (name: string, value: string | number): string => `    ${name.padEnd(18)}: ${value}\n`;

/**
 * list-lu -v for a registered LU: printLuProps, the view count, then printExtLuProps in its fixed
 * order (stmfadm.c). The sbd defaults shown (no meta file, 512-byte blocks, vendor SUN, product
 * COMSTAR, write cache enabled, access state Active) are inferred from published output. A LU is
 * Offline while the STMF service is (inferred: STMF onlines LUs when the service starts).
 */
function verbose(inv: Invocation, lu: LogicalUnit): string {
  const status = lu.online && inv.host.services.get('svc:/system/stmf:default') === 'online' ? 'Online' : 'Offline';
  return [
    prop('Operational Status', status),
    prop('Provider Name', 'sbd'),
    prop('Alias', lu.alias || '-'),
    prop('View Entry Count', lu.views.length),
    prop('Data File', dataFileOf(lu.zvol)),
    prop('Meta File', 'not set'),
    prop('Size', inv.host.dataset(lu.zvol)?.props.volsize ?? 0),
    prop('Block Size', 512),
    prop('Management URL', 'not set'),
    prop('Vendor ID', 'SUN'),
    prop('Product ID', 'COMSTAR'),
    prop('Serial Num', 'not set'),
    prop('Write Protect', 'Disabled'),
    prop('Writeback Cache', 'Enabled'),
    prop('Access State', 'Active'),
  ].join('');
}

/**
 * `stmfadm list-lu [-v] [lu-name...]` (stmfadm.c listLuFunc): `LU Name: <GUID>` per LU. A GUID
 * with views but no LU is listed as unregistered (libstmf stmfGetLogicalUnitList includes view-only
 * GUIDs; printExtLuProps prints nothing for them). A bad operand is reported but not counted in the
 * exit status; an unknown one sets it to 1.
 */
export const listLu: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'v');
  if ('badOption' in o) return stmfError(inv, `${o.badOption}: unknown option`);
  const { fabric } = inv.host.network;
  const registered = [...fabric.lus.values()].filter((lu) => lu.storageHost === inv.host.name);
  const unregistered = [...fabric.keptViews.entries()].filter(([, k]) => k.storageHost === inv.host.name);
  const entries: { guid: string; text: () => string }[] = [
    ...registered.map((lu) => ({ guid: lu.guid, text: () => verbose(inv, lu) })),
    ...unregistered.map(([guid, k]) => ({
      guid,
      text: () =>
        prop('Operational Status', 'unregistered') +
        prop('Provider Name', 'unregistered') +
        prop('Alias', '-') +
        prop('View Entry Count', k.views.length),
    })),
  ];
  const show = (e: (typeof entries)[number]): string => `LU Name: ${e.guid}\n${has(o, 'v') ? e.text() : ''}`;
  if (o.operands.length === 0) {
    print(inv.io.stdout, entries.map(show).join(''));
    return 0;
  }
  let status = 0;
  for (const operand of o.operands) {
    if (!isGuid(operand)) {
      stmfError(inv, `${operand}: must be 32 hexadecimal digits long`);
      continue;
    }
    const entry = entries.find((e) => e.guid === operand.toUpperCase());
    if (entry) print(inv.io.stdout, show(entry));
    else status = stmfError(inv, `${operand}: not found`);
  }
  return status;
};
