import type { Dialect } from '../hosts/host';
import { snapNameSchema } from './names';
import { ParseError } from './parseError';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The zone BEs directly under `root`, read from `zfs get -r` rows of the parentbe and active
 * properties. Rows come from a host that may be hostile: a row naming a dataset outside `root`, a
 * BE name that is not a dataset component or a parentbe that is not a UUID is a ParseError.
 */
export function zoneBootEnvironments(root: string, rows: readonly ZfsGetRow[]): ZoneBootEnvironment[] {
  const byName = new Map<string, ZoneBootEnvironment>();
  for (const row of rows) {
    const line = [row.name, row.property, row.value, row.source].join('\t');
    // Snapshots of the root itself (an operator's `zfs snapshot -r …@backup`) are no boot environments.
    if (row.name.startsWith(`${root}@`)) continue;
    if (row.name !== root && !row.name.startsWith(`${root}/`))
      throw new ParseError('zfs get', line, `not under ${root}`);
    const name = row.name === root ? '' : row.name.slice(root.length + 1);
    if (name === '' || name.includes('/') || name.includes('@')) continue;
    if (!snapNameSchema.safeParse(name).success || name.startsWith('-'))
      throw new ParseError('zfs get', line, 'not a boot environment name');
    const zbe = byName.get(name) ?? { name, parentbe: '', active: false };
    const set = row.source !== '-' && row.source !== 'default' && row.value !== '-';
    if (row.property === ZBE_PARENT_PROP && set) {
      if (!UUID.test(row.value)) throw new ParseError('zfs get', line, 'parentbe is not a UUID');
      zbe.parentbe = row.value;
    }
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
export function activeZoneBootEnvironment(
  zbes: readonly ZoneBootEnvironment[],
  globalBeUuid: string,
): ZoneBootEnvironment[] {
  return zbes.filter((zbe) => zbe.parentbe === globalBeUuid && zbe.active);
}
