import { seedBaseHost } from './fixtures';
import type { SimHost } from './simHost';

/**
 * Model-level setup of the lab's shared storage, as src/sim/fixtures.ts does for zones: what a
 * storage administrator would have done with svcadm, zfs, stmfadm, itadm, iscsiadm, share and mount.
 */

const STMF = 'svc:/system/stmf:default';
const ISCSI_TARGET = 'svc:/network/iscsi/target:default';

/** A storage host: base pools, the stmf and iSCSI target services online, and one iSCSI target. */
export function seedStorageHost(storage: SimHost): string {
  seedBaseHost(storage);
  storage.services.set(STMF, 'online');
  storage.services.set(ISCSI_TARGET, 'online');
  const { fabric } = storage.network;
  const [existing] = fabric.targetsOf(storage);
  if (existing) return existing;
  const iqn = `iqn.1986-03.com.sun:02:${storage.name}-target`;
  fabric.targets.set(storage.name, [iqn]);
  return iqn;
}

/**
 * A zvol exported as a COMSTAR LU with one view for all hosts (as `zfs create -V`, `stmfadm
 * create-lu`, `stmfadm add-view` would leave it); returns the LU's GUID.
 */
export function exportZvolLu(storage: SimHost, zvol: string, sizeBytes: number): string {
  const { fabric } = storage.network;
  const dataset =
    storage.dataset(zvol) ?? storage.createDataset(zvol, { type: 'volume', props: { volsize: String(sizeBytes) } });
  const guid = fabric.newGuid(storage);
  const used = new Set(
    [...fabric.lus.values()]
      .filter((lu) => lu.storageHost === storage.name)
      .flatMap((lu) => lu.views.map((v) => v.lun)),
  );
  let lun = 0;
  while (used.has(lun)) lun++;
  fabric.registerLu({
    guid,
    storageHost: storage.name,
    zvol,
    alias: `/dev/zvol/rdsk/${zvol}`,
    online: true,
    views: [{ entry: 0, hostGroup: 'All', targetGroup: 'All', lun }],
  });
  dataset.stmfSbdLu = guid;
  return guid;
}

/** An initiator that discovers `storage` by SendTargets (iscsiadm add discovery-address, modify discovery). */
export function connectInitiator(host: SimHost, storage: SimHost): void {
  const { fabric } = host.network;
  const discovery = fabric.discoveryOf(host);
  const address = `${storage.name}:3260`;
  fabric.setDiscovery(host, {
    addresses: discovery.addresses.includes(address) ? discovery.addresses : [...discovery.addresses, address],
    sendTargets: true,
  });
}

/** Shares a directory of `storage` over NFS (the fabric's share list; the filesystem is created if missing). */
export function shareNfs(storage: SimHost, path: string): void {
  seedBaseHost(storage);
  const dataset = `pool1${path}`;
  if (!storage.dataset(dataset)) storage.createDataset(dataset, { props: { mountpoint: path } });
  storage.network.fabric.share(storage, path);
}

/** Mounts `storage:path` on `host` at `mountpoint` (mount -F nfs). */
export function mountNfs(host: SimHost, storage: SimHost, path: string, mountpoint: string): void {
  host.network.fabric.mount(host, { mountpoint, server: storage.name, path });
}
