import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { luDevicePath } from '../../model/storageFabric';

const ISCSI_PORT = 3260;

const fail = (inv: Invocation, text: string): 1 => {
  print(inv.io.stderr, `iscsiadm: ${text}\n`);
  return 1;
};

const withPort = (address: string): string => (/:\d+$/.test(address) ? address : `${address}:${ISCSI_PORT}`);

/**
 * `iscsiadm list target [-S]`: each discovered storage host's targets with one connection, and with
 * -S its visible LUs and their MPxIO device (iscsiadm(8); the field layout is inferred from published
 * output: tab-indented, LUN details indented further).
 */
function listTarget(inv: Invocation, scsi: boolean): number {
  const { fabric } = inv.host.network;
  const lus = fabric.visibleLus(inv.host);
  const text = fabric.discoveredStorage(inv.host).flatMap((storage) =>
    fabric.targetsOf(storage).map((iqn) => {
      const head = `Target: ${iqn}\n\tAlias: -\n\tTPGT: 1\n\tISID: 4000002a0000\n\tConnections: 1\n`;
      if (!scsi) return head;
      const luns = lus
        .filter((lu) => lu.storageHost === storage.name)
        .flatMap((lu) => lu.views.filter((v) => v.hostGroup === 'All').map((v) => ({ lu, lun: v.lun })))
        .sort((a, b) => a.lun - b.lun)
        .map(
          ({ lu, lun }) =>
            `\tLUN: ${lun}\n\t     Vendor:  SUN\n\t     Product: COMSTAR\n\t     OS Device Name: ${luDevicePath(lu.guid).replace('/dev/dsk/', '/dev/rdsk/')}s2\n`,
        );
      return head + luns.join('');
    }),
  );
  print(inv.io.stdout, text.join(''));
  return 0;
}

/**
 * iscsiadm(8) on an initiator: `add discovery-address host[:port]...`, `modify discovery
 * --sendtargets|-t enable|disable`, `list discovery`, `list discovery-address`, `list target [-S]`.
 * Output layouts are inferred from iscsiadm(8) examples.
 */
export const iscsiadm: CommandHandler = async (inv) => {
  const [verb, object, ...rest] = inv.args;
  const { fabric } = inv.host.network;
  const discovery = fabric.discoveryOf(inv.host);
  if (verb === 'add' && object === 'discovery-address') {
    if (rest.length === 0) return fail(inv, 'discovery-address: requires an operand');
    const addresses = [...discovery.addresses];
    for (const a of rest.map(withPort)) if (!addresses.includes(a)) addresses.push(a);
    fabric.setDiscovery(inv.host, { ...discovery, addresses });
    return 0;
  }
  if (verb === 'remove' && object === 'discovery-address') {
    const gone = rest.map(withPort);
    fabric.setDiscovery(inv.host, { ...discovery, addresses: discovery.addresses.filter((a) => !gone.includes(a)) });
    return 0;
  }
  if (verb === 'modify' && object === 'discovery') {
    const [flag, value] = rest;
    if ((flag !== '--sendtargets' && flag !== '-t') || (value !== 'enable' && value !== 'disable'))
      return fail(inv, 'modify discovery: only --sendtargets enable|disable is simulated');
    fabric.setDiscovery(inv.host, { ...discovery, sendTargets: value === 'enable' });
    return 0;
  }
  if (verb === 'list' && object === 'discovery-address') {
    print(inv.io.stdout, discovery.addresses.map((a) => `Discovery Address: ${a}\n`).join(''));
    return 0;
  }
  if (verb === 'list' && object === 'discovery') {
    const st = discovery.sendTargets ? 'enabled' : 'disabled';
    print(inv.io.stdout, `Discovery:\n\tStatic: disabled\n\tSend Targets: ${st}\n\tiSNS: disabled\n`);
    return 0;
  }
  if (verb === 'list' && object === 'target') return listTarget(inv, rest.includes('-S'));
  return fail(inv, `${[verb, object].filter(Boolean).join(' ')}: unknown or unsimulated subcommand`);
};
