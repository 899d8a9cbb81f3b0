import type { ExecResult, Host } from '../hosts/host';

/**
 * Optional commands and properties differ between releases (`zfs get written` is missing from
 * Oracle's documented properties and from zfs-fuse). zmig does not keep a release table: it asks,
 * and when a host answers that a feature does not exist, remembers that for as long as the worker
 * keeps the host, so the question is asked once.
 */
export type OptionalFeature = 'written' | 'receiveSetProps';

/**
 * How a release says it lacks a feature: `bad property list: invalid property 'written'` (exit 2);
 * `zfs receive -o` on zfs-fuse and illumos before receive properties: `invalid option 'o'` (exit 2).
 */
const MISSING: Record<OptionalFeature, RegExp> = {
  written: /invalid property '?written/,
  receiveSetProps: /invalid option '?o'/,
};

const missing = new WeakMap<Host, Set<OptionalFeature>>();

export function lacksFeature(host: Host, feature: OptionalFeature): boolean {
  return missing.get(host)?.has(feature) ?? false;
}

/** True, and remembered, when `res` is the host saying that `feature` does not exist. */
export function noteMissingFeature(host: Host, feature: OptionalFeature, res: ExecResult): boolean {
  if (res.code === 0 || !MISSING[feature].test(res.stderr)) return false;
  const known = missing.get(host) ?? new Set<OptionalFeature>();
  known.add(feature);
  missing.set(host, known);
  return true;
}
