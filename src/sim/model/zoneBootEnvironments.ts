import type { SimHost } from '../simHost';
import {
  BE_HANDLE_PROP,
  BE_ROOT,
  BE_UUID_PROP,
  PARENT_BE_PROP,
  ZBE_ACTIVE_PROP,
  ZBE_CANDIDATE_PROP,
} from './bootEnvironment';
import { inheritProp, propertyOf, setLocalProp } from './zfsProps';
import type { Dataset } from './zfsTypes';

/**
 * One zone boot environment as the brand scripts read it: `zfs list -H -r -d 1 -o
 * name,mountpoint,<parentbe>,<active>,<candidate> <ROOT>` (Solaris 11.0 solaris/zone/common.ksh
 * discover_active_be). Unset user properties read as `-`, as zfs list prints them.
 */
export interface Zbe {
  dataset: Dataset;
  /** Basename under the ZBE container (`solaris`, `solaris-0`). */
  name: string;
  parent: string;
  active: string;
  candidate: string;
}

/** The global-zone BEs as `beadm list -H` shows them: uuid → BE name, and the uuid of the `N` BE. */
export interface GlobalBes {
  names: Map<string, string>;
  /** '' when the active BE has no uuid (get_current_gzbe then fails). */
  current: string;
}

/**
 * Where ZBEs live under the zonepath dataset: `<zpds>/rpool/ROOT` on Solaris 11 (11.0
 * shared/zone/common.ksh init_zone, ROOT_ds) and `<zpds>/ROOT` for ipkg (omniosorg/pkg5
 * src/brand/ipkg/common.ksh get_active_ds).
 */
export function zbeContainer(host: SimHost, zonepathDataset: Dataset): string {
  return `${zonepathDataset.name}/${host.release.zones.zbeRoot}`;
}

const userValue = (host: SimHost, d: Dataset, prop: string): string => {
  const value = propertyOf(host.zfs, d, prop).value;
  return value === '' ? '-' : value;
};

/** The direct children of the ZBE container, by name (ksh93 walks associative arrays sorted). */
export function listZbes(host: SimHost, zonepathDataset: Dataset): Zbe[] {
  const root = zbeContainer(host, zonepathDataset);
  return host.zfs
    .children(root)
    .filter((d) => d.type === 'filesystem')
    .map((dataset) => ({
      dataset,
      name: dataset.name.slice(root.length + 1),
      parent: userValue(host, dataset, PARENT_BE_PROP),
      active: userValue(host, dataset, ZBE_ACTIVE_PROP),
      candidate: userValue(host, dataset, ZBE_CANDIDATE_PROP),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `beadm list -H` read the way discover_active_be and get_current_gzbe read it. */
export function globalBes(host: SimHost): GlobalBes {
  const names = new Map<string, string>();
  for (const d of host.zfs.children(BE_ROOT)) names.set(d.props[BE_UUID_PROP] ?? '', d.name.slice(BE_ROOT.length + 1));
  return { names, current: host.activeBeUuid() };
}

/** ZBEs whose parentbe is this host's active global-zone BE (what uninstall destroys). */
export function ownZbes(host: SimHost, zonepathDataset: Dataset): Dataset[] {
  const current = host.activeBeUuid();
  return listZbes(host, zonepathDataset)
    .filter((z) => z.parent === current)
    .map((z) => z.dataset);
}

/** What attach does with the ZBE it picked: activate it where it is, or clone it and activate the clone. */
export type ZbeChoice =
  | { kind: 'activate'; zbe: Zbe; clone: boolean }
  | { kind: 'none' }
  | { kind: 'ambiguous'; rows: string[] };

const MISSING_GZBE = 'Missing Global Zone Boot Environment';

/**
 * The candidate table discover_active_be prints when it cannot choose (Solaris 11.0
 * solaris/zone/common.ksh: `log "%-21s %-6s %s" "$zbe" "${ngzbe[$zbe].active}" "$bename"`).
 */
function candidateRows(zbes: Zbe[], gz: GlobalBes): string[] {
  return zbes.map((z) => {
    let bename = gz.names.get(z.parent) ?? MISSING_GZBE;
    if (bename === MISSING_GZBE) {
      const extractedFor = z.candidate === MISSING_GZBE ? undefined : gz.names.get(z.candidate);
      bename = extractedFor === undefined ? z.parent : `Extracted for ${extractedFor}`;
    }
    return `${z.name.padEnd(21)} ${z.active.padEnd(6)} ${bename}`;
  });
}

/**
 * Solaris 11.0 solaris/zone/common.ksh discover_active_be: one ZBE of the current GZBE that is
 * active; else the only ZBE of the current GZBE; else the only active ZBE (cloned when its GZBE
 * exists on this host, used in place when it is an orphan); else the only ZBE; else ambiguous.
 */
export function discoverActiveBe(zbes: Zbe[], gz: GlobalBes): ZbeChoice {
  if (zbes.length === 0) return { kind: 'none' };
  const thisGz = zbes.filter((z) => z.parent === gz.current);
  const thisGzActive = thisGz.filter((z) => z.active === 'on');
  const active = zbes.filter((z) => z.active === 'on');
  const [onlyThisGzActive] = thisGzActive;
  if (thisGzActive.length === 1 && onlyThisGzActive) return { kind: 'activate', zbe: onlyThisGzActive, clone: false };
  const [onlyThisGz] = thisGz;
  if (thisGz.length === 1 && onlyThisGz) return { kind: 'activate', zbe: onlyThisGz, clone: false };
  const [onlyActive] = active;
  if (active.length === 1 && onlyActive) {
    // "If the zbe is not associated with any gzbe, do not clone it."
    return { kind: 'activate', zbe: onlyActive, clone: gz.names.has(onlyActive.parent) };
  }
  const [only] = zbes;
  // The "only one ZBE" branch tests `[[ ${#zone.allowed_bes[@]} ]]`, a non-empty-string test that is
  // always true, so the ZBE is activated in place rather than cloned (inferred from the code).
  if (zbes.length === 1 && only) return { kind: 'activate', zbe: only, clone: false };
  return { kind: 'ambiguous', rows: candidateRows(zbes, gz) };
}

/**
 * Solaris 11.0 solaris/zone/common.ksh claim_zbe (`attach -z <zbe>`): used in place when it belongs
 * to (or was extracted for) the current GZBE, cloned otherwise.
 */
export function claimZbe(zbe: Zbe, gz: GlobalBes): ZbeChoice {
  const mine = zbe.candidate === gz.current || zbe.parent === gz.current;
  return { kind: 'activate', zbe, clone: !mine };
}

/**
 * Solaris 11.0 shared/zone/common.ksh create_active_ds: the clone is `<prefix>-N` for the first free
 * N in 0..99, created with `zfs clone -o canmount=noauto -o mountpoint=/` (a clone gets none of its
 * origin's local properties). Simplified: the copy is independent (real attach snapshots the ZBE,
 * clones and promotes the clone).
 */
export function cloneZbe(host: SimHost, zonepathDataset: Dataset, source: Zbe, prefix: string): Dataset | undefined {
  const root = zbeContainer(host, zonepathDataset);
  for (let i = 0; i < 100; i++) {
    const name = `${root}/${prefix}-${i}`;
    if (host.zfs.get(name)) continue;
    let clone: Dataset | undefined;
    for (const d of host.zfs.tree(source.dataset.name)) {
      const target = name + d.name.slice(source.dataset.name.length);
      const props: Record<string, string> = d === source.dataset ? { canmount: 'noauto', mountpoint: '/' } : {};
      const copy = host.zfs.insert(target, d.type, props, d.seed);
      copy.blocks = new Map(d.blocks);
      copy.nextVersion = d.nextVersion;
      if (d.imageVersion !== undefined) copy.imageVersion = d.imageVersion;
      clone ??= copy;
    }
    return clone;
  }
  return undefined;
}

/**
 * Solaris 11.0 solaris/zone/common.ksh set_active_be: every ZBE gets canmount=noauto; ZBEs
 * extracted for the current GZBE are re-parented to it; the other active ZBEs of the current GZBE
 * are turned off; the chosen one gets parentbe=<current GZBE> and active=on; `<zpds>/rpool` gets
 * com.oracle.libbe:nbe_handle=on.
 */
export function setActiveBe(host: SimHost, zonepathDataset: Dataset, chosen: Dataset, current: string): void {
  for (const z of listZbes(host, zonepathDataset)) {
    if (propertyOf(host.zfs, z.dataset, 'canmount').value !== 'noauto') setLocalProp(z.dataset, 'canmount', 'noauto');
    let parent = z.parent;
    if (z.candidate === current) {
      inheritProp(z.dataset, ZBE_CANDIDATE_PROP, false);
      if (parent !== current) {
        setLocalProp(z.dataset, PARENT_BE_PROP, current);
        parent = current;
      }
    }
    if (parent === current && z.active === 'on' && z.dataset !== chosen)
      setLocalProp(z.dataset, ZBE_ACTIVE_PROP, 'off');
  }
  setLocalProp(chosen, PARENT_BE_PROP, current);
  setLocalProp(chosen, ZBE_ACTIVE_PROP, 'on');
  const rpool = host.zfs.get(`${zonepathDataset.name}/rpool`);
  if (rpool) setLocalProp(rpool, BE_HANDLE_PROP, 'on');
}

/** Destroys a dataset and everything below it. */
export function destroyTree(host: SimHost, name: string): void {
  for (const dataset of host.zfs.tree(name).reverse()) host.zfs.remove(dataset.name);
}
