import {
  bootVolume,
  ctime,
  freshGuest,
  hostDataFor,
  inUseElsewhere,
  newKzKey,
  readSuspendImage,
  runsCpuClass,
  suspendLocation,
  usableImage,
  type SuspendImage,
} from '../../model/kernelZone';
import { startGuest, stopGuest } from '../../model/kernelZoneLifecycle';
import { suspendZone } from '../../model/zoneLifecycle';
import type { KzHostData } from '../../model/zfsTypes';
import type { Zone } from '../../model/zoneTypes';
import { print } from '../../shell/io';
import type { ZoneadmCall } from './zoneadmContext';
import { zerror } from './zoneadmContext';

/** Kernel Zone errors come from zoneadmd and the brand as `zone 'Z': error: …` (doc examples). */
function kzError(call: ZoneadmCall, zone: Zone, lines: string[]): void {
  print(call.inv.io.stderr, lines.map((l) => `zone '${zone.name}': error: ${l}\n`).join(''));
}

/**
 * The in-use text of doc "Storage Information From Host Data" (the double space before "hostid"
 * is the doc's), labels right-aligned as there.
 */
function inUseError(call: ZoneadmCall, zone: Zone, data: KzHostData): void {
  const field = (label: string, value: string): string => `${`${label}:`.padStart(23)} ${value}`;
  kzError(call, zone, [
    `ERROR: zone ${zone.name} is in use by host with  hostid ${data.hostid}`,
    field('last known state', data.state),
    field('hostname', data.hostname),
    field('boot environment name', data.beName),
    field('boot environment uuid', data.beUuid),
    field('last update time', ctime(data.updated)),
    'To fix, detach the zone from the other host then attach it to this host',
    'If the zone is not active on another host, attach it with',
    `   zoneadm -z ${zone.name} attach -x force-takeover`,
  ]);
}

/** doc "Encryption Keys and Host Data": the key this host holds does not open the host data. */
function keyError(call: ZoneadmCall, zone: Zone): void {
  print(
    call.inv.io.stderr,
    `zone '${zone.name}': error: Encryption key is incorrect.  See solaris-kz(7) for configuration migration\n` +
      `zone '${zone.name}': procedure or update /etc/zones/keys/${zone.name}.\n`,
  );
}

interface HostDataOptions {
  forceTakeover: boolean;
}

/**
 * Reads the zone's host data as attach and boot do (doc: "When a kernel zone is configured or
 * booted, the host data is read to determine whether the kernel zone's boot storage is in use on
 * another system"). A device this host cannot see, a key that does not open the data, or another
 * host's claim fail and leave the zone unavailable (documented for the claim; inferred for the
 * other two). Returns the data, or undefined after printing the error.
 */
function readHostData(call: ZoneadmCall, zone: Zone, opts: HostDataOptions): KzHostData | undefined {
  const { host } = call.inv;
  const volume = bootVolume(host, zone);
  const fail = (): undefined => {
    zone.state = 'unavailable';
    return undefined;
  };
  // doc (known issue): "could not read host data from any boot device".
  if ('error' in volume || !volume.hostData) {
    kzError(call, zone, ['could not read host data from any boot device']);
    return fail();
  }
  const data = volume.hostData;
  if (host.kzKeys.get(zone.name) !== data.keyId) {
    keyError(call, zone);
    return fail();
  }
  if (inUseElsewhere(host, data) && !opts.forceTakeover) {
    inUseError(call, zone, data);
    return fail();
  }
  return data;
}

/** `-x force-takeover` and `-x initialize-hostdata` (zoneadm(8), solaris-kz(7)); others refused (inferred text). */
function extendedOptions(call: ZoneadmCall): { forceTakeover: boolean; initialize: boolean } | undefined {
  const result = { forceTakeover: false, initialize: false };
  for (let i = 0; i < call.args.length; i++) {
    if (call.args[i] !== '-x') continue;
    const value = call.args[++i];
    if (value === 'force-takeover') result.forceTakeover = true;
    else if (value === 'initialize-hostdata') result.initialize = true;
    else {
      zerror(call, `invalid extended option '${value ?? ''}'`);
      return undefined;
    }
  }
  return result;
}

/**
 * Kernel Zone attach: the host data decides. `initialize-hostdata` makes a new key and new host
 * data, so an existing suspend image can no longer be decrypted; otherwise a zone whose host data
 * records a suspend with an image this host can open shows the auxiliary state `suspended` (doc:
 * "The zone must be attached before this state is visible").
 */
export async function kzAttach(call: ZoneadmCall, zone: Zone): Promise<number> {
  const x = extendedOptions(call);
  if (!x) return 1;
  const { host } = call.inv;
  // The host data's suspend record, and whether `suspended` shows: the record stays whether or
  // not this host can read the image now (inferred: only initialize-hostdata discards it).
  let recorded = false;
  let suspended = false;
  if (x.initialize) {
    const volume = bootVolume(host, zone);
    if ('error' in volume) {
      kzError(call, zone, ['could not read host data from any boot device']);
      zone.state = 'unavailable';
      return 1;
    }
    host.kzKeys.set(zone.name, newKzKey());
  } else {
    const data = readHostData(call, zone, { forceTakeover: x.forceTakeover });
    if (!data) return 1;
    recorded = data.suspended;
    suspended = recorded && usableImage(host, zone) !== undefined;
  }
  await host.sleep(host.timings.attachMs);
  const volume = bootVolume(host, zone);
  if (!('error' in volume))
    volume.hostData = hostDataFor(host, host.kzKeys.get(zone.name) ?? '', 'installed', recorded);
  zone.state = 'installed';
  if (suspended) zone.auxState = 'suspended';
  else delete zone.auxState;
  return 0;
}

/**
 * Kernel Zone detach: the host data is released (`configured`) so another host may attach; the
 * suspend record and image stay for that host to resume (doc: warm migration). The auxiliary state
 * is not visible on a detached zone.
 */
export function kzDetach(call: ZoneadmCall, zone: Zone): void {
  const { host } = call.inv;
  const volume = bootVolume(host, zone);
  const key = host.kzKeys.get(zone.name);
  if (
    !('error' in volume) &&
    volume.hostData &&
    volume.hostData.keyId === key &&
    !inUseElsewhere(host, volume.hostData)
  )
    volume.hostData = hostDataFor(host, key, 'configured', volume.hostData.suspended);
  delete zone.auxState;
}

/**
 * `zoneadm -z Z suspend` (kernel zones only; doc "Configuring the suspend Resource Type": suspend
 * needs a suspend resource with path or storage). The image carries the guest, sealed with the
 * zone key; the zone ends installed with auxiliary state suspended. Error texts are inferred.
 */
export async function kzSuspend(call: ZoneadmCall, zone: Zone): Promise<number> {
  const { host } = call.inv;
  if (zone.config.props.brand !== 'solaris-kz') {
    zerror(call, `suspend operation is not supported for brand '${zone.config.props.brand ?? ''}'.`);
    return 1;
  }
  if (zone.state !== 'running' || !zone.guest) {
    zerror(call, 'not running');
    return 1;
  }
  const where = suspendLocation(host, zone);
  if (!where) {
    zerror(call, 'no suspend resource configured.');
    return 1;
  }
  if ('error' in where) {
    kzError(call, zone, [where.error]);
    return 1;
  }
  const guest = zone.guest;
  const image: SuspendImage = {
    zone: zone.name,
    keyId: host.kzKeys.get(zone.name) ?? '',
    arch: host.cpu.arch,
    guest: { ...guest },
  };
  await suspendZone(host, zone, () => {
    // The guest stops where it is: the image holds the counter as it was at the end of the write.
    image.guest = { ...guest };
    host.network.fabric.files.set(where.location, image);
    stopGuest(host, zone, true);
  });
  return 0;
}

/**
 * What boot does for a Kernel Zone before the timed state change: read the host data, then either
 * resume from the suspend image (doc: "You can resume a suspended zone ... by invoking the zoneadm
 * boot command"; the image is used up) or boot afresh. `boot -R` boots afresh and discards the image
 * (inferred: named by the brief's spec, not found in the searched manuals). A guest suspended on an
 * incompatible platform is refused (doc: "The kernel zone host will always refuse to resume a guest
 * previously suspended on an incompatible platform"; text inferred from the truncated doc example
 * "error: Suspended image ca…"). Returns the exit status, or undefined to go on booting.
 */
export function kzBeforeBoot(call: ZoneadmCall, zone: Zone): number | undefined {
  const { host } = call.inv;
  if (!readHostData(call, zone, { forceTakeover: false })) return 1;
  const fresh = call.args.includes('-R');
  if (zone.auxState === 'suspended' && !fresh) {
    const image = readSuspendImage(host, zone);
    if (!image || image.keyId !== host.kzKeys.get(zone.name)) {
      kzError(call, zone, ['Suspended image cannot be read.']);
      return 1;
    }
    if (image.arch !== host.cpu.arch || !runsCpuClass(host, image.guest.cpuClass)) {
      kzError(call, zone, [`Suspended image cannot be resumed on this host: CPU class ${image.guest.cpuClass}.`]);
      return 1;
    }
    discardImage(call, zone);
    startGuest(host, zone, { ...image.guest });
    return undefined;
  }
  if (fresh) discardImage(call, zone);
  const guest = freshGuest(host, zone);
  if (!runsCpuClass(host, guest.cpuClass)) {
    // doc: "A kernel zone guest will not boot if the cpu-arch class is set to an incompatible value."
    kzError(call, zone, [`cpu-arch ${guest.cpuClass} is not supported on this host.`]);
    return 1;
  }
  startGuest(host, zone, guest);
  return undefined;
}

function discardImage(call: ZoneadmCall, zone: Zone): void {
  const where = suspendLocation(call.inv.host, zone);
  if (where && !('error' in where)) call.inv.host.network.fabric.files.delete(where.location);
  delete zone.auxState;
}

/** After halt or shutdown: the guest is gone and the host data says installed. */
export function kzAfterStop(call: ZoneadmCall, zone: Zone): void {
  stopGuest(call.inv.host, zone, false);
}
