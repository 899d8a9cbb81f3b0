import { seedBaseHost } from './fixtures';
import { connectInitiator, exportZvolLu, mountNfs, seedStorageHost, shareNfs } from './storageFixtures';
import { bootVolume, freshGuest, KZ_BRAND, newKzKey } from './model/kernelZone';
import { startGuest } from './model/kernelZoneLifecycle';
import type { Zone, ZoneConfig } from './model/zoneTypes';
import type { HostCpu, SimHost } from './simHost';

export interface KernelZoneHostOptions {
  memoryMb?: number;
  ncpus?: number;
  cpu?: HostCpu;
}

/** A host that can run Kernel Zones: the base layout plus its memory, CPU count and CPU platform. */
export function seedKernelZoneHost(host: SimHost, opts: KernelZoneHostOptions = {}): void {
  seedBaseHost(host);
  if (opts.memoryMb !== undefined) host.memoryMb = opts.memoryMb;
  if (opts.ncpus !== undefined) host.ncpus = opts.ncpus;
  if (opts.cpu) host.cpu = { ...opts.cpu, migrationClasses: [...opts.cpu.migrationClasses] };
}

/** Where the warm-migration write-up (docs/procedures.md#kzwarmmigrate) puts suspend images: shared by the storage host, mounted by each node. */
export const SUSPEND_SHARE = { path: '/export/suspend', mountpoint: '/mnt/suspend' };

/**
 * The warm-migration write-up's set-up (docs/procedures.md): `storage` runs an iSCSI target and shares SUSPEND_SHARE
 * over NFS; each node is a Kernel Zone host that discovers the target and mounts the share.
 */
export function seedSharedStorage(storage: SimHost, nodes: SimHost[], opts: KernelZoneHostOptions = {}): void {
  seedStorageHost(storage);
  shareNfs(storage, SUSPEND_SHARE.path);
  for (const node of nodes) {
    seedKernelZoneHost(node, opts);
    connectInitiator(node, storage);
    mountNfs(node, storage, SUSPEND_SHARE.path, SUSPEND_SHARE.mountpoint);
  }
}

/**
 * A zvol on `storage` exported as a COMSTAR LU visible to every initiator that discovers the
 * storage host (see storageFixtures); returns its `iscsi://` storage URI (suri(7) form).
 */
export function exportIscsiLu(storage: SimHost, zvol: string, sizeBytes = 1 << 20): string {
  seedStorageHost(storage);
  return `iscsi://${storage.name}/luname.naa.${exportZvolLu(storage, zvol, sizeBytes)}`;
}

export interface KernelZoneOptions {
  zone: string;
  /** Storage URI of the boot device (device id 0, bootpri 0); it must resolve from `host`. */
  bootUri: string;
  /** The suspend resource: a file path (on an NFS mount for warm migration) or a storage URI. */
  suspendPath?: string;
  suspendUri?: string;
  /** capped-memory physical, e.g. `4G`. */
  memory?: string;
  /** virtual-cpu ncpus. */
  vcpus?: number;
  /** The cpu-arch migration class. */
  cpuArch?: string;
}

/**
 * A running Kernel Zone as `zoneadm install` and `boot` leave it: its key in /etc/zones/keys, a
 * fresh guest, and host data on the boot volume saying this host runs it.
 */
export function seedKernelZone(host: SimHost, opts: KernelZoneOptions): Zone {
  const suspend = opts.suspendPath ?? opts.suspendUri;
  const config: ZoneConfig = {
    props: {
      brand: KZ_BRAND,
      autoboot: 'false',
      autoshutdown: 'shutdown',
      ...(opts.cpuArch === undefined ? {} : { 'cpu-arch': opts.cpuArch }),
    },
    resources: [
      { type: 'device', props: { storage: opts.bootUri, id: '0', bootpri: '0' } },
      { type: 'capped-memory', props: { physical: opts.memory ?? '4G' } },
      { type: 'virtual-cpu', props: { ncpus: String(opts.vcpus ?? 4) } },
      ...(suspend === undefined
        ? []
        : [{ type: 'suspend', props: opts.suspendPath ? { path: opts.suspendPath } : { storage: suspend } }]),
    ],
  };
  host.kzKeys.set(opts.zone, newKzKey());
  const zone = host.configureZone(opts.zone, config, 'running');
  const volume = bootVolume(host, zone);
  if ('error' in volume) throw new Error(`${host.name}: boot device of ${opts.zone}: ${volume.error}`);
  startGuest(host, zone, freshGuest(host, zone));
  return zone;
}
