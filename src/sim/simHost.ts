import { createHash } from 'node:crypto';
import type { Dialect } from '../hosts/host';
import type { CommandLogEntry } from './commandLog';
import type { FaultInjector } from './faults';
import type { SimTimings } from './timings';
import type { CommandIO } from './shell/io';
import { BLOCK_SIZE, contentHash } from './model/content';
import { BE_ROOT, BE_UUID_PROP } from './model/bootEnvironment';
import { newHostid, newUuid } from './model/ids';
import { parentName, splitSnapshot, ZfsState } from './model/zfsState';
import { isMounted, propertyOf } from './model/zfsProps';
import { mountsOnCreate } from './model/zfsMount';
import type { Dataset, DatasetType } from './model/zfsTypes';
import type { Zone, ZoneConfig, ZoneState } from './model/zoneTypes';
import { cloneConfig } from './model/zoneTypes';
import type { Vnic } from './model/vnic';
import type { SimRelease } from './model/release';
import type { StorageFabric } from './model/storageFabric';

/** What a host needs from the lab it lives in. */
export interface SimNetwork {
  readonly timings: SimTimings;
  readonly faults: FaultInjector;
  readonly commandLog: CommandLogEntry[];
  /** The iSCSI LUs and NFS shares every lab host sees. */
  readonly fabric: StorageFabric;
  /** The lab host an `ssh` inside a command line reaches (by name, or address and port). */
  resolve(target: string, port?: number): SimHost | undefined;
  /** Runs a command line on a host as if it arrived over SSH (null = never answered). */
  execute(host: SimHost, line: string, io: CommandIO): Promise<number | null>;
}

export interface WriterOptions {
  zone: string;
  dataset: string;
  bytesPerSec: number;
}

const WRITER_TICK_MS = 50;
/** How often a running Kernel Zone guest's counter advances. */
const GUEST_TICK_MS = 20;

/**
 * A host's processor as Kernel Zone migration sees it: its architecture, its own CPU class (a
 * guest booted without a cpu-arch class gets it), and the migration classes it can run (doc:
 * "Specifying a CPU Migration Class for SPARC Kernel Zone Warm and Live Migration").
 */
export interface HostCpu {
  arch: 'sparc' | 'x86';
  model: string;
  migrationClasses: string[];
}

/** One simulated Solaris host: plain data (zones, datasets, VNICs, BEs) plus the timers that animate it. */
export class SimHost {
  hostid = newHostid();
  /**
   * Version of the global zone's `entire` package; zones must match it (or attach -u). The release's
   * own version stands in for it (inferred simplification of the package FMRI).
   */
  pkgVersion: string;
  activeBe = 'solaris';
  readonly zfs = new ZfsState();
  readonly zones = new Map<string, Zone>();
  /** /etc/zones/index order. */
  zoneOrder: string[] = [];
  vnics: Vnic[] = [];
  /** Datalinks of class phys and aggr (`dladm show-link`); VNICs are in `vnics`. */
  physicalLinks = ['net0', 'net1'];
  aggregations: string[] = [];
  /** Files the login user wrote in its home directory (`tee`, `rm`), by the path given. */
  readonly files = new Map<string, string>();
  /** This host's SSH public key as `type base64`, for another host's ssh to check. */
  hostKeyLine = '';
  /** Commands (full paths) the login user may run through `sudo`; undefined: sudoers allows ALL. */
  sudoers: readonly string[] | undefined;
  readonly services = new Map<string, string>([
    ['svc:/milestone/multi-user:default', 'online'],
    ['svc:/milestone/multi-user-server:default', 'online'],
    ['svc:/system/zones:default', 'online'],
    ['svc:/network/ssh:default', 'online'],
    ['svc:/system/stmf:default', 'disabled'],
    ['svc:/network/iscsi/target:default', 'disabled'],
    ['svc:/network/iscsi/initiator:default', 'online'],
  ]);
  /** Physical memory in MB (`prtconf -m`). */
  memoryMb = 65536;
  /** Virtual processors (`psrinfo`), all on-line since the host booted. */
  ncpus = 16;
  cpu: HostCpu = { arch: 'sparc', model: 'SPARC-T8', migrationClasses: ['migration-class1'] };
  /** When the host booted (seconds since the epoch): psrinfo's "since". */
  readonly bootedAt = Math.floor(Date.now() / 1000);
  /**
   * Kernel Zone encryption keys by zone, as /etc/zones/keys/<zone> holds them (doc: "Encryption
   * Keys and Host Data"). Printed only by `zonecfg export`'s keysource.
   */
  readonly kzKeys = new Map<string, string>();
  private guestClock: NodeJS.Timeout | undefined;
  private nextZoneId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly writers = new Set<NodeJS.Timeout>();
  /** In-flight zone state changes, so a second boot/halt waits for the first. */
  readonly transitions = new Map<string, Promise<void>>();

  constructor(
    readonly name: string,
    readonly release: SimRelease,
    public address: string,
    readonly network: SimNetwork,
  ) {
    this.pkgVersion = release.version;
  }

  get dialect(): Dialect {
    return this.release.dialect;
  }

  get brands(): readonly string[] {
    return this.release.zones.brands;
  }

  get timings(): SimTimings {
    return this.network.timings;
  }

  // ---- timers -------------------------------------------------------------------------------

  /** Resolves after ms; rejects when the signal aborts. Cleared by stop(). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.timers.add(timer);
      const onAbort = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  stop(): void {
    this.stopWriters();
    if (this.guestClock) clearInterval(this.guestClock);
    this.guestClock = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // ---- lookups ------------------------------------------------------------------------------

  zone(name: string): Zone | undefined {
    return this.zones.get(name);
  }

  dataset(name: string): Dataset | undefined {
    return this.zfs.get(name);
  }

  /** Content hash of a dataset's live data, or of a snapshot's frozen data (`ds@snap`). */
  contentHash(name: string): string {
    const [fs, snap] = splitSnapshot(name);
    const dataset = this.zfs.get(fs);
    if (!dataset) throw new Error(`${this.name}: no dataset ${fs}`);
    if (snap === undefined) return contentHash(dataset.seed, dataset.blocks);
    const snapshot = dataset.snapshots.find((s) => s.name === snap);
    if (!snapshot) throw new Error(`${this.name}: no snapshot ${name}`);
    return contentHash(dataset.seed, snapshot.blocks);
  }

  activeBeUuid(): string {
    return this.zfs.get(`${BE_ROOT}/${this.activeBe}`)?.props[BE_UUID_PROP] ?? '';
  }

  /**
   * The dataset mounted at a zone's zonepath. The brand scripts find it by what is mounted there
   * (`zfs list -H -o name <zonepath>` resolves a path through mnttab, libzfs zfs_path_to_zhandle),
   * so a dataset whose mountpoint is the zonepath but that is not mounted does not count.
   */
  zonepathDataset(zonepath: string): Dataset | undefined {
    return this.zfs.all().find((d) => isMounted(d) && this.mountpointOf(d) === zonepath);
  }

  mountpointOf(dataset: Dataset): string {
    return propertyOf(this.zfs, dataset, 'mountpoint').value;
  }

  // ---- setup (fixtures, tests, demo) --------------------------------------------------------

  addPool(name: string, sizeBytes: number): void {
    this.zfs.addPool(name, sizeBytes);
  }

  /** Creates a dataset and any missing parents (like `zfs create -p`), optionally filled with data. */
  createDataset(
    name: string,
    opts: { type?: DatasetType; props?: Record<string, string>; sizeBytes?: number } = {},
  ): Dataset {
    const parent = parentName(name);
    if (parent && !this.zfs.get(parent)) this.createDataset(parent);
    const dataset = this.zfs.insert(name, opts.type ?? 'filesystem', opts.props ?? {});
    // Mounted as `zfs create` would mount it.
    dataset.mounted = mountsOnCreate(this.zfs, dataset);
    if (opts.sizeBytes) this.writeBlocks(dataset, Math.ceil(opts.sizeBytes / BLOCK_SIZE), true);
    return dataset;
  }

  /** Rewrites `count` blocks (random existing ones, or appended when `append`). */
  writeBlocks(dataset: Dataset, count: number, append = false): void {
    for (let i = 0; i < count; i++) {
      const size = dataset.blocks.size;
      const index = append || size === 0 ? size : Math.floor(Math.random() * size);
      dataset.blocks.set(index, dataset.nextVersion++);
    }
  }

  /** A global-zone boot environment `rpool/ROOT/<name>` with its libbe uuid. */
  addBootEnvironment(name: string, active: boolean): string {
    const uuid = newUuid();
    this.createDataset(`${BE_ROOT}/${name}`, {
      props: { [BE_UUID_PROP]: uuid, mountpoint: '/', canmount: 'noauto' },
    });
    if (active) this.activeBe = name;
    return uuid;
  }

  configureZone(name: string, config: ZoneConfig, state: ZoneState = 'configured'): Zone {
    const zone: Zone = { name, state, uuid: newUuid(), config: cloneConfig(config) };
    this.zones.set(name, zone);
    if (!this.zoneOrder.includes(name)) this.zoneOrder.push(name);
    if (state === 'running' || state === 'ready') zone.id = this.allocateZoneId();
    return zone;
  }

  /** Deleting a configuration takes its Kernel Zone key with it: the keysource is one of its resources (inferred). */
  deleteZone(name: string): void {
    this.zones.delete(name);
    this.kzKeys.delete(name);
    this.zoneOrder = this.zoneOrder.filter((z) => z !== name);
  }

  allocateZoneId(): number {
    return this.nextZoneId++;
  }

  addVnic(link: string, over = 'net0', mac?: string): void {
    const bytes = createHash('sha256').update(`${this.name}/${link}`).digest().subarray(0, 3);
    this.vnics.push({ link, over, mac: mac ?? ['2', '8', '20', ...[...bytes].map((b) => b.toString(16))].join(':') });
  }

  // ---- writers ------------------------------------------------------------------------------

  /** Keeps modifying random blocks of a dataset (and growing it a little) while the zone runs. */
  startWriter({ zone, dataset, bytesPerSec }: WriterOptions): () => void {
    let pending = 0;
    const timer = setInterval(() => {
      const target = this.zfs.get(dataset);
      if (!target || this.zones.get(zone)?.state !== 'running') return;
      pending += (bytesPerSec * WRITER_TICK_MS) / 1000 / BLOCK_SIZE;
      const blocks = Math.floor(pending);
      pending -= blocks;
      for (let i = 0; i < blocks; i++) this.writeBlocks(target, 1, Math.random() < 0.1);
    }, WRITER_TICK_MS);
    this.writers.add(timer);
    return () => {
      clearInterval(timer);
      this.writers.delete(timer);
    };
  }

  /** Starts (once) the clock that advances every running Kernel Zone guest's counter. */
  startGuestClock(): void {
    this.guestClock ??= setInterval(() => {
      for (const zone of this.zones.values()) if (zone.state === 'running' && zone.guest) zone.guest.counter++;
    }, GUEST_TICK_MS);
  }

  stopWriters(): void {
    for (const timer of this.writers) clearInterval(timer);
    this.writers.clear();
  }

  // ---- state snapshot -----------------------------------------------------------------------

  /**
   * Deterministic JSON of the whole host; nothing in it changes by itself (no clocks) except a
   * running Kernel Zone guest's counter.
   */
  snapshotState(): object {
    const sorted = (o: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const configState = (c: ZoneConfig): object => ({
      props: sorted(c.props),
      resources: c.resources.map((r) => ({ type: r.type, props: sorted(r.props) })),
    });
    return {
      name: this.name,
      hostid: this.hostid,
      dialect: this.dialect,
      pkgVersion: this.pkgVersion,
      activeBe: this.activeBe,
      pools: [...this.zfs.pools.values()].map((p) => ({ name: p.name, guid: p.guid, size: p.size })),
      datasets: this.zfs.all().map((d) => ({
        name: d.name,
        type: d.type,
        guid: d.guid,
        createtxg: d.createtxg,
        props: sorted(d.props),
        imageVersion: d.imageVersion ?? null,
        stmfSbdLu: d.stmfSbdLu ?? null,
        blocks: d.blocks.size,
        contentHash: contentHash(d.seed, d.blocks),
        hostData: d.hostData ?? null,
        snapshots: d.snapshots.map((s) => ({
          name: s.name,
          guid: s.guid,
          createtxg: s.createtxg,
          userProps: sorted(s.userProps),
          contentHash: contentHash(d.seed, s.blocks),
          hostData: s.hostData ?? null,
        })),
      })),
      zones: this.zoneOrder.flatMap((name) => {
        const z = this.zones.get(name);
        if (!z) return [];
        return [
          {
            name: z.name,
            state: z.state,
            uuid: z.uuid,
            id: z.id ?? null,
            config: configState(z.config),
            liveConfig: z.liveConfig ? configState(z.liveConfig) : null,
            auxState: z.auxState ?? null,
            guest: z.guest ? { ...z.guest } : null,
          },
        ];
      }),
      vnics: this.vnics.map((v) => ({ ...v })),
      services: Object.fromEntries([...this.services].sort()),
      storage: this.network.fabric.hostState(this.name),
      memoryMb: this.memoryMb,
      ncpus: this.ncpus,
      cpu: { ...this.cpu, migrationClasses: [...this.cpu.migrationClasses] },
      kzKeys: Object.fromEntries([...this.kzKeys].sort()),
    };
  }
}
