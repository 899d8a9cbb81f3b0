import { randomBytes } from 'node:crypto';
import type { SimHost } from '../simHost';
import { newUuid, nowSeconds } from './ids';
import type { Dataset, KzHostData } from './zfsTypes';
import type { KzGuest, Zone } from './zoneTypes';

export const KZ_BRAND = 'solaris-kz';

export function isKernelZone(zone: Zone): boolean {
  return zone.config.props.brand === KZ_BRAND;
}

/** A new zone key: 16 random bytes as hex, the size of an AES-128 key (doc: AES-128-CCM). */
export function newKzKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The device whose host data counts: the one with the lowest bootpri, else the first device
 * (doc: "Each kernel zone bootable device contains ... host data"; which one is read is inferred).
 */
export function bootDeviceUri(zone: Zone): string | undefined {
  const devices = zone.config.resources.filter((r) => r.type === 'device' && r.props.storage);
  const bootable = devices
    .filter((r) => r.props.bootpri !== undefined)
    .sort((a, b) => Number(a.props.bootpri) - Number(b.props.bootpri));
  return (bootable[0] ?? devices[0])?.props.storage;
}

/** The zvol behind the zone's boot device as `host` sees it, or the reason it cannot be read. */
export function bootVolume(host: SimHost, zone: Zone): Dataset | { error: string } {
  const uri = bootDeviceUri(zone);
  if (uri === undefined) return { error: 'no boot device' };
  const resolved = host.network.fabric.resolveDevice(host, uri);
  if ('error' in resolved) return resolved;
  const dataset = resolved.host.dataset(resolved.zvol);
  return dataset ?? { error: `${uri}: no such device` };
}

/** Host data saying `host` holds the zone, sealed with `keyId`. */
export function hostDataFor(host: SimHost, keyId: string, state: KzHostData['state'], suspended: boolean): KzHostData {
  return {
    keyId,
    hostid: host.hostid,
    hostname: host.name,
    state,
    suspended,
    beName: host.activeBe,
    beUuid: host.activeBeUuid(),
    updated: nowSeconds(),
  };
}

/** The host data names another host that has not released the zone (detach writes `configured`). */
export function inUseElsewhere(host: SimHost, data: KzHostData): boolean {
  return data.hostid !== host.hostid && data.state !== 'configured';
}

/** What `zoneadm suspend` writes: the guest's state, sealed with the zone key, with its CPU class. */
export interface SuspendImage {
  zone: string;
  keyId: string;
  arch: SimHost['cpu']['arch'];
  guest: KzGuest;
}

/**
 * Where the zone's suspend image lives as `host` sees it: a file (on an NFS share every mounting
 * host sees, or local) or a storage URI's volume. Undefined without a suspend resource.
 */
export function suspendLocation(host: SimHost, zone: Zone): { location: string } | { error: string } | undefined {
  const resource = zone.config.resources.find((r) => r.type === 'suspend');
  if (!resource) return undefined;
  const { fabric } = host.network;
  if (resource.props.path) {
    const file = fabric.resolveFile(host, resource.props.path);
    return 'error' in file ? file : { location: file.location };
  }
  if (resource.props.storage) {
    const device = fabric.resolveDevice(host, resource.props.storage);
    return 'error' in device ? device : { location: `${device.host.name}:/dev/zvol/rdsk/${device.zvol}` };
  }
  return undefined;
}

export function readSuspendImage(host: SimHost, zone: Zone): SuspendImage | undefined {
  const where = suspendLocation(host, zone);
  if (!where || 'error' in where) return undefined;
  const image = host.network.fabric.files.get(where.location) as SuspendImage | undefined;
  return image?.zone === zone.name ? image : undefined;
}

/** A suspend image this host can decrypt: sealed with the key it holds for the zone. */
export function usableImage(host: SimHost, zone: Zone): SuspendImage | undefined {
  const image = readSuspendImage(host, zone);
  return image && image.keyId === host.kzKeys.get(zone.name) ? image : undefined;
}

/**
 * The CPU class a guest boots with: the zone's cpu-arch migration class, or the host's own class
 * when cpu-arch is unset or `solaris` (doc: "If not set, the default value of cpu-arch is solaris.
 * The zone boots with the same CPU class as the host").
 */
export function bootCpuClass(host: SimHost, zone: Zone): string {
  const cpuArch = zone.config.props['cpu-arch'];
  return cpuArch === undefined || cpuArch === '' || cpuArch === 'solaris' ? host.cpu.model : cpuArch;
}

/** The host can run a guest of this class: its own class, or a migration class it supports. */
export function runsCpuClass(host: SimHost, cpuClass: string): boolean {
  return cpuClass === host.cpu.model || host.cpu.migrationClasses.includes(cpuClass);
}

export function freshGuest(host: SimHost, zone: Zone): KzGuest {
  return { bootId: newUuid(), counter: 0, cpuClass: bootCpuClass(host, zone) };
}

/** ctime(3)'s layout, as host data's "last update time" prints it: `Sun Apr 13 20:08:13 2014` (UTC). */
export function ctime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const [day, mon] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11)];
  const time = d.toISOString().slice(11, 19);
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
}
