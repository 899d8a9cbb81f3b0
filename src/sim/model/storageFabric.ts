import { randomBytes } from 'node:crypto';
import type { SimHost } from '../simHost';

/**
 * The lab's one storage network: COMSTAR logical units that storage hosts export over iSCSI, and the
 * NFS shares hosts mount. Every host of a lab sees the same fabric, so a Kernel Zone's disk or
 * suspend file named by the same URI or path on two hosts is the same bytes.
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

/** What a storage URI or path resolves to from one host: the backing store, or the text the host prints. */
export type ResolvedDevice = { host: SimHost; zvol: string; lu?: LogicalUnit } | { error: string };
export type ResolvedFile = { location: string; shared: boolean } | { error: string };

export class StorageFabric {
  readonly lus = new Map<string, LogicalUnit>();
  /** NFS mounts by host name. */
  readonly mounts = new Map<string, NfsMount[]>();
  /** File contents (suspend images) by location (`server:/path/file`, or `host!/path` for local files). */
  readonly files = new Map<string, unknown>();

  constructor(private readonly hostByName: (name: string) => SimHost | undefined) {}

  host(name: string): SimHost | undefined {
    return this.hostByName(name);
  }

  /**
   * COMSTAR's GUID layout: 600144F0, 8 hex digits from the host, 0000, 8 time-based, then a
   * counter (Solaris 11.0 stmf_sbd sbd_create_lu; inferred for the exact host-derived part).
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
   * The zvol behind a storage URI as `host` sees it (suri(7) forms: `dev:/dev/zvol/dsk/pool/vol` is
   * the host's own zvol; `iscsi://[host[:port]]/luname.naa.<id>` and `lu:luname.naa.<id>` name a
   * COMSTAR LU anywhere on the fabric). A LU is visible when it is online, has a view, its storage
   * host's stmf and iSCSI target services are online, and this host's initiator is online.
   */
  resolveDevice(host: SimHost, uri: string): ResolvedDevice {
    const local = /^dev:(?:\/\/)?\/dev\/zvol\/r?dsk\/(.+)$/.exec(uri);
    if (local) {
      const dataset = host.dataset(local[1]!);
      if (dataset?.type !== 'volume') return { error: `${uri}: no such device` };
      return { host, zvol: dataset.name };
    }
    const naa = /^(?:iscsi:\/\/[^/]*\/|lu:)luname\.naa\.([0-9a-fA-F]{32})$/.exec(uri);
    if (!naa) return { error: `${uri}: unsupported storage URI` };
    const lu = this.lu(naa[1]!);
    const storage = lu && this.host(lu.storageHost);
    const online = (h: SimHost, fmri: string): boolean => h.services.get(fmri) === 'online';
    if (
      !lu ||
      !storage ||
      !lu.online ||
      lu.views.length === 0 ||
      !online(storage, 'svc:/system/stmf:default') ||
      !online(storage, 'svc:/network/iscsi/target:default') ||
      !online(host, 'svc:/network/iscsi/initiator:default')
    )
      return { error: `${uri}: no such device` };
    return { host: storage, zvol: lu.zvol, lu };
  }
}
