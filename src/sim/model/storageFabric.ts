import { randomBytes } from 'node:crypto';
import type { SimHost } from '../simHost';

/**
 * The lab's one storage network: COMSTAR logical units that storage hosts export over iSCSI, the
 * iSCSI targets and initiator discovery settings, and the NFS shares hosts mount. Every host of a
 * lab sees the same fabric, so a Kernel Zone's disk or suspend file named by the same URI or path on
 * two hosts is the same bytes.
 */

export interface LuView {
  entry: number;
  hostGroup: string;
  targetGroup: string;
  lun: number;
}

export interface LogicalUnit {
  /** 32 uppercase hex digits, as stmfadm prints it. */
  guid: string;
  /** The storage host that exports it. */
  storageHost: string;
  /** The backing zvol (`pool/vol`); its data file is /dev/zvol/rdsk/<zvol>. */
  zvol: string;
  alias: string;
  online: boolean;
  views: LuView[];
}

export interface NfsMount {
  mountpoint: string;
  /** The server's host name and the exported path, as `df` shows `server:/path`. */
  server: string;
  path: string;
}

/** An initiator's discovery settings (iscsiadm add discovery-address, modify discovery). */
export interface InitiatorDiscovery {
  /** `host[:port]` as given to `iscsiadm add discovery-address`. */
  addresses: string[];
  sendTargets: boolean;
}

/** What a storage URI or path resolves to from one host: the backing store, or the text the host prints. */
export type ResolvedDevice = { host: SimHost; zvol: string; lu?: LogicalUnit } | { error: string };
export type ResolvedFile = { location: string; shared: boolean } | { error: string };

const STMF = 'svc:/system/stmf:default';
const ISCSI_TARGET = 'svc:/network/iscsi/target:default';
const ISCSI_INITIATOR = 'svc:/network/iscsi/initiator:default';

const online = (h: SimHost, fmri: string): boolean => h.services.get(fmri) === 'online';

/**
 * The OS device of a COMSTAR LU on an initiator under MPxIO: scsi_vhci names the disk after the
 * LU's GUID (inferred from published iscsiadm/format output, e.g. /dev/dsk/c0t600144F0…d0).
 */
export function luDevicePath(guid: string): string {
  return `/dev/dsk/c0t${guid.toUpperCase()}d0`;
}

const sorted = <T>(list: T[], key: (t: T) => string): T[] =>
  [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

export class StorageFabric {
  readonly lus = new Map<string, LogicalUnit>();
  /** View entries kept by `stmfadm delete-lu -k` (or added before the LU exists), by GUID. */
  readonly keptViews = new Map<string, { storageHost: string; views: LuView[] }>();
  /** iSCSI target IQNs by storage host name (itadm create-target). */
  readonly targets = new Map<string, string[]>();
  /** Initiator discovery settings by host name. */
  readonly discovery = new Map<string, InitiatorDiscovery>();
  /** Paths each NFS server shares, by server host name (set by fixtures: storageFixtures.ts shareNfs). */
  readonly shares = new Map<string, string[]>();
  /** NFS mounts by host name. */
  readonly mounts = new Map<string, NfsMount[]>();
  /** File contents (suspend images) by location (`server:/path/file`, or `host!/path` for local files). */
  readonly files = new Map<string, unknown>();

  constructor(private readonly hostByName: (name: string) => SimHost | undefined) {}

  host(name: string): SimHost | undefined {
    return this.hostByName(name);
  }

  /**
   * COMSTAR's GUID layout: 600144F0, 8 hex digits from the host, 0000, 8 time-based, then 4 that
   * sbd takes from a counter; random here, so GUIDs stay unique across labs (Solaris 11.0 stmf_sbd
   * sbd_create_lu; inferred for the exact host-derived part).
   */
  newGuid(storage: SimHost): string {
    const time = Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8);
    return `600144F0${storage.hostid}0000${time}${randomBytes(2).toString('hex')}`.toUpperCase();
  }

  registerLu(lu: LogicalUnit): void {
    this.lus.set(lu.guid.toUpperCase(), lu);
  }

  lu(guid: string): LogicalUnit | undefined {
    return this.lus.get(guid.toUpperCase());
  }

  /** The registered LU whose data file is this host's zvol, if any. */
  luOfZvol(storage: SimHost, zvol: string): LogicalUnit | undefined {
    return [...this.lus.values()].find((lu) => lu.storageHost === storage.name && lu.zvol === zvol);
  }

  /** Removes a LU; its views go with it unless kept for a later import-lu (`delete-lu -k`). */
  deleteLu(guid: string, keepViews: boolean): void {
    const lu = this.lu(guid);
    if (!lu) return;
    this.lus.delete(lu.guid);
    if (keepViews && lu.views.length > 0) this.keptViews.set(lu.guid, { storageHost: lu.storageHost, views: lu.views });
  }

  /** The view entries of a GUID in one host's STMF: its LU's, or the ones kept without a LU. */
  viewsOf(storage: SimHost, guid: string): LuView[] {
    const lu = this.lu(guid);
    if (lu) return lu.storageHost === storage.name ? lu.views : [];
    const kept = this.keptViews.get(guid.toUpperCase());
    return kept?.storageHost === storage.name ? kept.views : [];
  }

  /** Sets the view entries of a GUID in one host's STMF (on its LU, or kept for a later import). */
  setViews(storage: SimHost, guid: string, views: LuView[]): void {
    const key = guid.toUpperCase();
    const lu = this.lu(key);
    if (lu?.storageHost === storage.name) lu.views = views;
    else if (views.length > 0) this.keptViews.set(key, { storageHost: storage.name, views });
    else this.keptViews.delete(key);
  }

  targetsOf(storage: SimHost): string[] {
    return this.targets.get(storage.name) ?? [];
  }

  discoveryOf(host: SimHost): InitiatorDiscovery {
    return this.discovery.get(host.name) ?? { addresses: [], sendTargets: false };
  }

  setDiscovery(host: SimHost, discovery: InitiatorDiscovery): void {
    this.discovery.set(host.name, discovery);
  }

  share(server: SimHost, path: string): void {
    const list = this.shares.get(server.name) ?? [];
    if (!list.includes(path)) this.shares.set(server.name, [...list, path]);
  }

  isShared(server: SimHost, path: string): boolean {
    return (this.shares.get(server.name) ?? []).includes(path);
  }

  mount(host: SimHost, mount: NfsMount): void {
    const list = this.mounts.get(host.name) ?? [];
    this.mounts.set(host.name, [...list.filter((m) => m.mountpoint !== mount.mountpoint), mount]);
  }

  /** The NFS mount that holds `path` on `host` (longest mountpoint prefix). */
  mountOf(host: SimHost, path: string): NfsMount | undefined {
    return (this.mounts.get(host.name) ?? [])
      .filter((m) => path === m.mountpoint || path.startsWith(`${m.mountpoint}/`))
      .sort((a, b) => b.mountpoint.length - a.mountpoint.length)[0];
  }

  /** Where a file path on `host` is stored: on an NFS share every mounting host sees, or local. */
  resolveFile(host: SimHost, path: string): ResolvedFile {
    const mount = this.mountOf(host, path);
    if (!mount) return { location: `${host.name}!${path}`, shared: false };
    return { location: `${mount.server}:${mount.path}${path.slice(mount.mountpoint.length)}`, shared: true };
  }

  /**
   * Storage hosts this initiator discovers targets on: SendTargets enabled and a discovery address
   * naming the host (the iSCSI port is not checked). iscsiadm(8): targets are found only through an
   * enabled discovery method.
   */
  discoveredStorage(host: SimHost): SimHost[] {
    const { addresses, sendTargets } = this.discoveryOf(host);
    if (!sendTargets || !online(host, ISCSI_INITIATOR)) return [];
    return addresses.flatMap((a) => {
      const storage = host.network.resolve(a.replace(/:\d+$/, ''));
      return storage && online(storage, ISCSI_TARGET) && this.targetsOf(storage).length > 0 ? [storage] : [];
    });
  }

  /**
   * The LUs an initiator sees: online, with a view for all hosts, on a storage host whose stmf
   * service is online and that it discovered. A view naming a host group is not matched (host group
   * membership is not modelled: inferred).
   */
  visibleLus(host: SimHost): LogicalUnit[] {
    const storages = new Set(this.discoveredStorage(host).map((h) => h.name));
    return [...this.lus.values()].filter((lu) => {
      const storage = this.host(lu.storageHost);
      return (
        storage !== undefined &&
        storages.has(storage.name) &&
        lu.online &&
        online(storage, STMF) &&
        lu.views.some((v) => v.hostGroup === 'All')
      );
    });
  }

  /**
   * The zvol behind a storage URI as `host` sees it (suri(7) forms: `dev:zvol/dsk/pool/vol`, a path under /dev, also
   * written `dev:/dev/zvol/dsk/pool/vol`, is the host's own zvol; `dev:dsk/c0t<GUID>d0`, `iscsi://[host[:port]]/luname.naa.<id>` and
   * `lu:luname.naa.<id>` name a COMSTAR LU anywhere on the fabric). A LU is visible only to a host
   * that discovered its storage host (visibleLus). The error texts are inferred: suriadm's source is
   * not public.
   */
  resolveDevice(host: SimHost, uri: string): ResolvedDevice {
    const local = /^dev:(?:\/\/)?(?:\/dev\/)?zvol\/r?dsk\/(.+)$/.exec(uri);
    if (local) {
      const dataset = host.dataset(local[1]!);
      if (dataset?.type !== 'volume') return { error: `${uri}: no such device` };
      return { host, zvol: dataset.name };
    }
    const guid = luGuidOf(uri);
    if (guid === undefined) return { error: `${uri}: unsupported storage URI` };
    const lu = this.visibleLus(host).find((l) => l.guid === guid);
    const storage = lu && this.host(lu.storageHost);
    if (!lu || !storage) return { error: `${uri}: no such device` };
    return { host: storage, zvol: lu.zvol, lu };
  }

  /**
   * `suriadm map`'s effect before the lookup: for an iSCSI URI with an authority section the host
   * gets a SendTargets discovery address for it (suriadm(8) "map").
   */
  mapDevice(host: SimHost, uri: string): ResolvedDevice {
    const authority = /^iscsi:\/\/([^/]+)\//.exec(uri)?.[1];
    if (authority) {
      const { addresses } = this.discoveryOf(host);
      const address = authority.includes(':') ? authority : `${authority}:3260`;
      this.setDiscovery(host, {
        addresses: addresses.includes(address) ? addresses : [...addresses, address],
        sendTargets: true,
      });
    }
    return this.resolveDevice(host, uri);
  }

  /** What of the fabric belongs to one host, for SimHost.snapshotState(). */
  hostState(name: string): object {
    return {
      lus: sorted(
        [...this.lus.values()].filter((lu) => lu.storageHost === name),
        (lu) => lu.guid,
      ).map((lu) => ({ ...lu, views: lu.views.map((v) => ({ ...v })) })),
      keptViews: sorted(
        [...this.keptViews.entries()].filter(([, k]) => k.storageHost === name),
        ([guid]) => guid,
      ).map(([guid, k]) => ({ guid, views: k.views.map((v) => ({ ...v })) })),
      targets: [...(this.targets.get(name) ?? [])],
      discovery: this.discovery.get(name) ?? null,
      shares: [...(this.shares.get(name) ?? [])],
      mounts: sorted(this.mounts.get(name) ?? [], (m) => m.mountpoint).map((m) => ({ ...m })),
    };
  }

  /** Deterministic JSON of the whole fabric (files by key only) for before/after comparisons. */
  snapshotState(): object {
    const byKey = <V>(m: Map<string, V>): [string, V][] => sorted([...m.entries()], ([k]) => k);
    return {
      lus: byKey(this.lus).map(([, lu]) => ({ ...lu, views: lu.views.map((v) => ({ ...v })) })),
      keptViews: byKey(this.keptViews).map(([guid, kept]) => ({
        guid,
        storageHost: kept.storageHost,
        views: kept.views.map((v) => ({ ...v })),
      })),
      targets: byKey(this.targets).map(([host, iqns]) => ({ host, iqns: [...iqns] })),
      discovery: byKey(this.discovery).map(([host, d]) => ({ host, ...d, addresses: [...d.addresses] })),
      shares: byKey(this.shares).map(([host, paths]) => ({ host, paths: [...paths] })),
      mounts: byKey(this.mounts).map(([host, list]) => ({
        host,
        mounts: sorted(list, (m) => m.mountpoint).map((m) => ({ ...m })),
      })),
      files: [...this.files.keys()].sort(),
    };
  }
}

/** The GUID a LU URI or MPxIO device URI names (uppercase), or undefined for other forms. */
export function luGuidOf(uri: string): string | undefined {
  const naa = /^(?:iscsi:\/\/[^/]*\/|lu:)luname\.naa\.([0-9a-fA-F]{32})$/.exec(uri);
  const dev = /^dev:(?:\/\/)?(?:\/dev\/)?r?dsk\/c0t([0-9a-fA-F]{32})d0(?:s\d+)?$/.exec(uri);
  return (naa ?? dev)?.[1]?.toUpperCase();
}
