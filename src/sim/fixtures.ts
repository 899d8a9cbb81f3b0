import { BE_HANDLE_PROP, BE_ROOT, PARENT_BE_PROP, ZBE_ACTIVE_PROP } from './model/bootEnvironment';
import { SPARSE_OVERLAYS } from './model/ipkgBrands';
import type { Zone, ZoneConfig } from './model/zoneTypes';
import type { SimHost } from './simHost';

const GiB = 1024 ** 3;
const POOL_SIZE = 256 * GiB;

/** Pools, the global-zone BE and rpool/zones, as any host of the lab has them. */
export function seedBaseHost(host: SimHost): void {
  for (const pool of ['rpool', 'pool1']) if (!host.zfs.pools.has(pool)) host.addPool(pool, POOL_SIZE);
  if (!host.dataset(`${BE_ROOT}/${host.activeBe}`)) {
    host.createDataset(BE_ROOT, { props: { canmount: 'off', mountpoint: 'legacy' } });
    host.addBootEnvironment(host.activeBe, true);
  }
  if (!host.dataset('rpool/zones')) host.createDataset('rpool/zones', { props: { mountpoint: '/zones' } });
}

export interface SourceOptions {
  zone?: string;
  /** Data in the zone's own datasets (mostly its boot environment). */
  sizeBytes: number;
  /** Data in the delegated dataset pool1/<zone>. */
  delegatedSizeBytes: number;
  vnics?: string[];
  bootargs?: string;
  /** The zone's brand on an illumos host (default ipkg). */
  ipkgBrand?: 'ipkg' | 'lipkg' | 'sparse';
}

/**
 * A running solaris-brand zone laid out like the cold-move write-up's (docs/procedures.md#coldmove): zonepath /zones/<zone> on rpool/zones/<zone>
 * with its zone BE rpool/zones/<zone>/rpool/ROOT/solaris (parentbe = this host's BE), the delegated
 * dataset pool1/<zone> aliased pool1, and a net resource on VNIC <zone>0.
 */
export function seedSourceHost(host: SimHost, opts: SourceOptions): Zone {
  seedBaseHost(host);
  const zone = opts.zone ?? 'www';
  const vnics = opts.vnics ?? [`${zone}0`];
  const zp = `rpool/zones/${zone}`;
  const part = (fraction: number): number => Math.max(128 * 1024, Math.floor(opts.sizeBytes * fraction));
  host.createDataset(zp);
  if (host.dialect === 'illumos') return seedIpkgZone(host, zone, zp, part, vnics, opts);
  // An installed zone went through set_active_be, which marks the zone's rpool dataset
  // (Solaris 11.0 solaris brand common.ksh: `zfs set $PROP_BE_HANDLE=on ${zone.rpool_ds}`).
  host.createDataset(`${zp}/rpool`, { props: { zoned: 'on', mountpoint: '/rpool', [BE_HANDLE_PROP]: 'on' } });
  host.createDataset(`${zp}/rpool/ROOT`, { props: { canmount: 'off', mountpoint: 'legacy' } });
  const zbe = host.createDataset(`${zp}/rpool/ROOT/solaris`, {
    props: {
      mountpoint: '/',
      canmount: 'noauto',
      [PARENT_BE_PROP]: host.activeBeUuid(),
      [ZBE_ACTIVE_PROP]: 'on',
    },
    sizeBytes: part(0.75),
  });
  zbe.imageVersion = host.pkgVersion;
  host.createDataset(`${zp}/rpool/VARSHARE`, { props: { mountpoint: '/var/share' }, sizeBytes: part(0.15) });
  host.createDataset(`${zp}/rpool/export`, { props: { mountpoint: '/export' } });
  host.createDataset(`${zp}/rpool/export/home`, { sizeBytes: part(0.1) });
  host.createDataset(`pool1/${zone}`, { props: { zoned: 'on' }, sizeBytes: opts.delegatedSizeBytes });
  for (const link of vnics) if (!host.vnics.some((v) => v.link === link)) host.addVnic(link);

  const config: ZoneConfig = {
    props: {
      brand: 'solaris',
      zonepath: `/zones/${zone}`,
      autoboot: 'true',
      ...(host.release.zones.globalProps.includes('autoshutdown') ? { autoshutdown: 'shutdown' } : {}),
      'ip-type': 'exclusive',
      ...(opts.bootargs === undefined ? {} : { bootargs: opts.bootargs }),
    },
    resources: [
      ...vnics.map((link) => ({ type: 'net', props: { physical: link } })),
      { type: 'dataset', props: { name: `pool1/${zone}`, alias: 'pool1' } },
    ],
  };
  return host.configureZone(zone, config, 'running');
}

/**
 * A running ipkg-family zone as OmniOS installs it (omniosorg/pkg5 src/brand/ipkg common.ksh
 * create_active_ds): its one BE <zonepath ds>/ROOT/zbe, tied to this host's BE, and the same
 * delegated dataset and VNIC. A sparse zone's BE also has the overlay datasets (src/brand/sparse
 * common.ksh create_overlays: canmount=noauto), mounted in the running zone's root.
 */
function seedIpkgZone(
  host: SimHost,
  zone: string,
  zp: string,
  part: (f: number) => number,
  vnics: string[],
  opts: SourceOptions,
): Zone {
  host.createDataset(`${zp}/ROOT`, { props: { mountpoint: 'legacy', zoned: 'on', canmount: 'off' } });
  const zbe = host.createDataset(`${zp}/ROOT/zbe`, {
    props: { mountpoint: 'legacy', canmount: 'noauto', [PARENT_BE_PROP]: host.activeBeUuid(), [ZBE_ACTIVE_PROP]: 'on' },
    sizeBytes: part(1),
  });
  zbe.imageVersion = host.pkgVersion;
  const brand = opts.ipkgBrand ?? 'ipkg';
  if (brand === 'sparse') {
    for (const { dataset } of SPARSE_OVERLAYS)
      host.createDataset(`${zbe.name}/${dataset}`, { props: { canmount: 'noauto' }, sizeBytes: part(0.05) });
  }
  host.createDataset(`pool1/${zone}`, { props: { zoned: 'on' }, sizeBytes: opts.delegatedSizeBytes });
  for (const link of vnics) if (!host.vnics.some((v) => v.link === link)) host.addVnic(link);
  const config: ZoneConfig = {
    props: { brand, zonepath: `/zones/${zone}`, autoboot: 'true', 'ip-type': 'exclusive' },
    resources: [
      ...vnics.map((link) => ({ type: 'net', props: { physical: link } })),
      { type: 'dataset', props: { name: `pool1/${zone}`, alias: 'pool1' } },
    ],
  };
  return host.configureZone(zone, config, 'running');
}

/** A migration target: pools rpool and pool1, rpool/zones, the VNICs, and its own BE uuid. */
export function seedTargetHost(host: SimHost, opts: { vnics?: string[] } = {}): void {
  seedBaseHost(host);
  for (const link of opts.vnics ?? []) if (!host.vnics.some((v) => v.link === link)) host.addVnic(link);
}
