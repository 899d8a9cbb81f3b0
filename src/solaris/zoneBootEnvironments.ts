import type { Dialect } from '../hosts/host';
import type { ZfsGetRow } from './zfs';

export const ZBE_PARENT_PROP = 'org.opensolaris.libbe:parentbe';
export const ZBE_ACTIVE_PROP = 'org.opensolaris.libbe:active';

/**
 * Where a zone's boot environments live under its zonepath dataset: `rpool/ROOT/<zbe>` for the
 * Solaris 11 brand (solaris brand common.ksh, `zone.ROOT_ds`), `ROOT/<zbe>` for ipkg-family brands.
 */
export function zbeRoot(zonepathDataset: string, dialect: Dialect): string {
  return `${zonepathDataset}/${dialect === 'illumos' ? 'ROOT' : 'rpool/ROOT'}`;
}

/**
 * ipkg-family brands (OmniOS ipkg, lipkg, sparse) attach the dataset mounted at `<zonepath>/root`
 * and take no `-z` (omniosorg/pkg5 src/brand/ipkg/attach); the solaris brand selects with `-z`.
 */
export function attachesMountedRoot(brand: string): boolean {
  return ['ipkg', 'lipkg', 'sparse'].includes(brand);
}

export interface ZoneBootEnvironment {
  /** Short name, as `zoneadm attach -z` takes it. */
  name: string;
  parentbe: string;
  active: boolean;
}

/** The zone BEs directly under `root`, read from `zfs get -r` rows of the parentbe and active properties. */
export function zoneBootEnvironments(root: string, rows: readonly ZfsGetRow[]): ZoneBootEnvironment[] {
  const byName = new Map<string, ZoneBootEnvironment>();
  for (const row of rows) {
    const name = row.name.startsWith(`${root}/`) ? row.name.slice(root.length + 1) : '';
    if (name === '' || name.includes('/') || name.includes('@')) continue;
    const zbe = byName.get(name) ?? { name, parentbe: '', active: false };
    const set = row.source !== '-' && row.source !== 'default' && row.value !== '-';
    if (row.property === ZBE_PARENT_PROP && set) zbe.parentbe = row.value;
    if (row.property === ZBE_ACTIVE_PROP) zbe.active = set && row.value === 'on';
    byName.set(name, zbe);
  }
  return [...byName.values()];
}

/**
 * The zone BE the zone runs now: the one of the host's running global BE marked active, as the
 * brand's own attach picks first (discover_active_be). Zero or several is a zone zmig cannot move
 * without guessing, so the caller refuses it.
 */
export function activeZoneBootEnvironment(zbes: readonly ZoneBootEnvironment[], globalBeUuid: string): ZoneBootEnvironment[] {
  return zbes.filter((zbe) => zbe.parentbe === globalBeUuid && zbe.active);
}
