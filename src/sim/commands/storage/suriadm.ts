import type { LogicalUnit } from '../../model/storageFabric';
import { luDevicePath } from '../../model/storageFabric';
import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, has } from '../getopt';

const fail = (inv: Invocation, text: string): 1 => {
  print(inv.io.stderr, `suriadm: ${text}\n`);
  return 1;
};

/**
 * The URIs naming a LU this host sees, one per line: the logical unit URI, the iSCSI URI with the
 * discovery address as authority, then the dev URI in its preferred `dev:dsk/…` form. IDs are
 * lower case (suri(7): case-insensitive; `normalize` lowercases them). The order and the set are
 * inferred: the OpenStack Solaris driver scans the lines for the one starting `lu:luname.naa.`.
 */
function candidates(inv: Invocation, lu: LogicalUnit): string[] {
  const id = lu.guid.toLowerCase();
  const storage = inv.host.network.fabric.host(lu.storageHost);
  const authority = inv.host.network.fabric
    .discoveryOf(inv.host)
    .addresses.map((a) => a.replace(/:3260$/, ''))
    .find((a) => storage !== undefined && inv.host.network.resolve(a.replace(/:\d+$/, '')) === storage);
  return [
    `lu:luname.naa.${id}`,
    ...(authority ? [`iscsi://${authority}/luname.naa.${id}`] : []),
    `dev:${luDevicePath(lu.guid).slice('/dev/'.length)}`,
  ];
}

/**
 * `suriadm lookup-uri <device-path>` and `lookup-uri -p luname=<id>` (suriadm(8)): candidate URIs of
 * a device. A host's own zvol has only its dev URI. Not found: `suriadm: <arg>: no such device`
 * (inferred; suriadm's source is not public).
 */
const lookupUri: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 't:p:');
  if ('badOption' in o) return fail(inv, `illegal option -- ${o.badOption}`);
  const { fabric } = inv.host.network;
  const visible = fabric.visibleLus(inv.host);
  const luname = (o.opts.get('p') ?? []).find((p) => p.startsWith('luname='))?.slice('luname='.length);
  const [path] = o.operands;
  const what = luname ?? path;
  if (what === undefined) return fail(inv, 'lookup-uri: a device path or -p luname=<luname> is required');
  const zvol = /^\/dev\/zvol\/r?dsk\/(.+)$/.exec(what)?.[1];
  if (luname === undefined && zvol !== undefined && inv.host.dataset(zvol)?.type === 'volume') {
    print(inv.io.stdout, `dev:zvol/dsk/${zvol}\n`);
    return 0;
  }
  const guid =
    luname !== undefined
      ? /^(?:naa\.)?([0-9a-fA-F]{32})$/.exec(luname)?.[1]
      : /^\/dev\/r?dsk\/c0t([0-9a-fA-F]{32})d0(?:s\d+)?$/.exec(what)?.[1];
  const lu = visible.find((l) => l.guid === guid?.toUpperCase());
  if (!lu) return fail(inv, `${what}: no such device`);
  print(
    inv.io.stdout,
    candidates(inv, lu)
      .map((u) => `${u}\n`)
      .join(''),
  );
  return 0;
};

/**
 * `suriadm lookup-mapping [-H] [-o mapped-dev] <URI>` and `map`: the device a URI maps to on this
 * host (suriadm(8)); `map` first adds a SendTargets discovery address for an iSCSI URI's authority.
 * The default output (the device path alone) is inferred; -o prints the values on one line.
 */
function mapping(map: boolean): CommandHandler {
  return async (inv) => {
    const o = getopt(inv.args, 'Ho:p:');
    if ('badOption' in o) return fail(inv, `illegal option -- ${o.badOption}`);
    const [uri] = o.operands;
    if (uri === undefined) return fail(inv, 'a storage URI is required');
    const { fabric } = inv.host.network;
    const found = map ? fabric.mapDevice(inv.host, uri) : fabric.resolveDevice(inv.host, uri);
    if ('error' in found) return fail(inv, found.error);
    const device = found.lu ? luDevicePath(found.lu.guid) : `/dev/zvol/dsk/${found.zvol}`;
    const fields = (o.opts.get('o') ?? ['mapped-dev']).join(',').split(',');
    const value = (f: string): string => (f === 'mapped-dev' ? device : f === 'uri' ? uri : '-');
    if (!has(o, 'o')) print(inv.io.stdout, `${device}\n`);
    else print(inv.io.stdout, `${fields.map(value).join('\t')}\n`);
    return 0;
  };
}

const SUBCOMMANDS: Record<string, CommandHandler> = {
  'lookup-uri': lookupUri,
  'lookup-mapping': mapping(false),
  map: mapping(true),
};

/** suriadm(8): lookup-uri, lookup-mapping and map over the lab's storage fabric. */
export const suriadm: CommandHandler = async (inv) => {
  const [sub, ...args] = inv.args;
  const handler = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!handler) return fail(inv, `${sub ?? ''}: unknown or unsimulated subcommand`);
  return handler({ ...inv, args });
};
