import type { PlannedCommand } from '../plannedCommand';

/** What preflight found and decided: the workflow's map for the rest of the move (recorded in history). */
export interface ColdMovePlan {
  zone: string;
  brand: string;
  /** State of the source zone at start: `running` (pre-seed while it runs) or `installed`. */
  sourceState: 'running' | 'installed';
  zonepath: string;
  datasets: PlannedDataset[];
  /** Datalinks the zone needs on the target at boot (net physical, anet lower-link). */
  bootLinks: string[];
  /** The source's `zonecfg export`, bootargs quoting fixed and any old zmig marker removed. */
  config: string;
  /** The zone boot environment the zone runs (short name): the one re-parented and attached on the target. */
  zbe: string;
  /** UUID of the target's running global-zone boot environment: the attached zone BE is re-parented to it. */
  targetBeUuid: string;
  totalBytes: number;
  checks: string[];
}

export interface PlannedDataset {
  /** On the source: the zonepath dataset or a delegated dataset. */
  source: string;
  /** `zfs receive -e` parent on the target. */
  targetParent: string;
  /** Where it lands: targetParent + last component of source. */
  target: string;
  usedBytes: number;
  role: 'zonepath' | 'delegated';
}

export interface ColdMovePlanResult {
  plan: ColdMovePlan;
  commands: PlannedCommand[];
}
