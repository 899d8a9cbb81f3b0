export type ZoneState =
  | 'configured'
  | 'incomplete'
  | 'unavailable'
  | 'installed'
  | 'ready'
  | 'mounted'
  | 'running'
  | 'shutting_down'
  | 'down';

export interface ZoneResource {
  type: string;
  props: Record<string, string>;
}

/** The persistent zonecfg configuration. Global properties include `brand` and `zonepath`. */
export interface ZoneConfig {
  props: Record<string, string>;
  resources: ZoneResource[];
}

export interface Zone {
  name: string;
  state: ZoneState;
  uuid: string;
  /** Kernel zone id while ready/running. */
  id?: number;
  config: ZoneConfig;
  /**
   * A running Kernel Zone's live configuration (`zonecfg -r`): a copy of `config` taken at boot that
   * live reconfiguration edits without touching the persistent one.
   */
  liveConfig?: ZoneConfig;
  /** Kernel Zone auxiliary state (`zoneadm list -s`); only `suspended` is modelled. */
  auxState?: 'suspended';
  /** The guest OS of a running Kernel Zone. */
  guest?: KzGuest;
}

/**
 * What runs inside a Kernel Zone, as far as a migration can tell: the guest's boot (a fresh boot
 * gets a new id) and a counter standing for its memory, which advances while it runs. A resume
 * brings both back from the suspend image.
 */
export interface KzGuest {
  bootId: string;
  counter: number;
  /** The CPU class the guest booted with (its host's model, or the zone's cpu-arch class). */
  cpuClass: string;
}

/** Lifecycle order used for "state at least" checks (as zoneadm's sanity_check does). */
export const STATE_RANK: Record<ZoneState, number> = {
  configured: 0,
  incomplete: 1,
  unavailable: 2,
  installed: 3,
  ready: 4,
  mounted: 4,
  running: 5,
  shutting_down: 5,
  down: 5,
};

export function cloneConfig(config: ZoneConfig): ZoneConfig {
  return {
    props: { ...config.props },
    resources: config.resources.map((r) => ({ type: r.type, props: { ...r.props } })),
  };
}
