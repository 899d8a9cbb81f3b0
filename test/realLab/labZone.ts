import type { LabHost } from './labHost';

export const ZONE = 'www';
export const ZONEPATH = `/mnt/rpool/zones/${ZONE}`;
export const ZONEPATH_DATASET = `rpool/zones/${ZONE}`;
export const ZBE = `${ZONEPATH_DATASET}/ROOT/zbe`;
export const DELEGATED = `rpool/${ZONE}`;
/** Where the zone's application (the writer) keeps its files: on the zonepath dataset. */
export const APP_DIR = `${ZONEPATH}/files`;
const VNIC = `${ZONE}0`;

export interface ZoneSizes {
  /** Random data in the zone's BE (its installed software). */
  zbeBytes: number;
  /** Random data in the delegated dataset. */
  delegatedBytes: number;
}

async function sh(host: LabHost, script: string): Promise<void> {
  const result = await host.runAsRoot(['sh', '-ec', script]);
  if (result.code !== 0) throw new Error(`${host.name}: set-up failed: ${result.stderr}`);
}

/** Random files of about `bytes` in all under `dir`: a few 1 MiB ones and the rest in 64 KiB pieces. */
function fillScript(dir: string, bytes: number): string {
  const big = Math.floor(bytes / 2 / 1048576);
  const small = Math.max(1, Math.floor((bytes - big * 1048576) / 65536));
  return [
    `mkdir -p ${dir}/big ${dir}/small`,
    `i=0; while [ $i -lt ${big} ]; do head -c 1048576 /dev/urandom > ${dir}/big/b$i; i=$((i+1)); done`,
    `i=0; while [ $i -lt ${small} ]; do head -c 65536 /dev/urandom > ${dir}/small/s$i; i=$((i+1)); done`,
  ].join('\n');
}

/**
 * A running ipkg zone as OmniOS lays it out (omniosorg/pkg5 src/brand/ipkg common.ksh), on real
 * ZFS: zonepath dataset rpool/zones/www with the application's files, its BE ROOT/zbe (legacy
 * mountpoint, tied to this host's global BE, active) full of random files, the delegated dataset
 * rpool/www (zoned) with its own, and the zone configured and running in the host's simulator.
 * The BE and the delegated dataset are filled while mounted, before they get the properties that
 * keep them out of the global zone.
 */
export async function seedSourceZone(host: LabHost, sizes: ZoneSizes): Promise<void> {
  const zones = host.zones!;
  await sh(
    host,
    [
      `zfs create rpool/zones`,
      `zfs create ${ZONEPATH_DATASET}`,
      `mkdir -p ${APP_DIR}`,
      `i=0; while [ $i -lt 16 ]; do head -c 65536 /dev/urandom > ${APP_DIR}/f$i; i=$((i+1)); done`,
      `zfs create -o canmount=off -o mountpoint=legacy ${ZONEPATH_DATASET}/ROOT`,
      `zfs create -o mountpoint=${ZONEPATH}/root ${ZBE}`,
      fillScript(`${ZONEPATH}/root`, sizes.zbeBytes),
      `zfs unmount ${ZBE}`,
      `zfs set canmount=noauto ${ZBE}`,
      `zfs inherit mountpoint ${ZBE}`,
      `zfs set org.opensolaris.libbe:parentbe=${zones.beUuid} ${ZBE}`,
      `zfs set org.opensolaris.libbe:active=on ${ZBE}`,
      `zfs set zoned=on ${ZONEPATH_DATASET}/ROOT`,
      `zfs create ${DELEGATED}`,
      fillScript(`/mnt/${DELEGATED}`, sizes.delegatedBytes),
      `zfs unmount ${DELEGATED}`,
      `zfs set zoned=on ${DELEGATED}`,
    ].join('\n'),
  );
  await zones.control({ op: 'addVnic', link: VNIC });
  await zones.control({
    op: 'configureZone',
    zone: ZONE,
    state: 'running',
    config: {
      props: { brand: 'ipkg', zonepath: ZONEPATH, autoboot: 'true', 'ip-type': 'exclusive' },
      resources: [
        { type: 'net', props: { physical: VNIC } },
        { type: 'dataset', props: { name: DELEGATED } },
      ],
    },
  });
}

/** A target: the zones' parent dataset and the zone's VNIC. */
export async function seedTargetHost(host: LabHost): Promise<void> {
  await sh(host, 'zfs create rpool/zones');
  await host.zones!.control({ op: 'addVnic', link: VNIC });
}

/** The application inside the zone starts rewriting its files (only while the zone runs). */
export async function startZoneApplication(host: LabHost): Promise<void> {
  await host.zones!.control({ op: 'startWriter', writer: { zone: ZONE, dir: APP_DIR, files: 16, bytes: 65536 } });
}
