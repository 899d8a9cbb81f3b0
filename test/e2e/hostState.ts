import type { Lab } from '../../src/sim/lab';

/** Both hosts' whole state, for "ends exactly as it started" assertions. */
export function labState(lab: Lab): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lab.hosts).map(([name, host]) => [name, host.snapshotState()]));
}
