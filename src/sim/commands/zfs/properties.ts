import {
  canonicalProp,
  inheritProp,
  isInheritable,
  isUserProp,
  NATIVE,
  setLocalProp,
  validateSet,
} from '../../model/zfsProps';
import { changeMountProperty } from '../../model/zfsMount';
import { splitSnapshot } from '../../model/zfsState';
import type { Dataset, Snapshot } from '../../model/zfsTypes';
import type { Invocation } from '../../shell/invocation';
import { has } from '../getopt';
import { zfsError, zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';

// `zfs set` and `zfs inherit`: the values a dataset or a snapshot holds itself.

/**
 * Applies `apply` to each `ds` or `ds@snap` operand (the dataset, and the snapshot when one is
 * named). A missing one gets "dataset does not exist"; like every failed operand it makes the exit
 * status 1, and the operands after it are still done.
 */
function eachTarget(
  inv: Invocation,
  targets: string[],
  apply: (target: string, dataset: Dataset, snapshot: Snapshot | undefined) => number,
): number {
  const { zfs } = inv.host;
  let status = 0;
  for (const target of targets) {
    const [fs, snap] = splitSnapshot(target);
    const dataset = zfs.get(fs);
    const snapshot = snap === undefined ? undefined : dataset?.snapshots.find((s) => s.name === snap);
    const missing = !dataset || (snap !== undefined && !snapshot);
    const result = missing
      ? zfsError(inv, `cannot open '${target}': dataset does not exist`)
      : apply(target, dataset, snapshot);
    if (result !== 0) status = result;
  }
  return status;
}

/** `zfs set prop=value ds…`. */
export async function zfsSet(inv: Invocation): Promise<number> {
  const usage = 'set <property=value> <filesystem|volume|snapshot> ...';
  const [assignment, ...targets] = inv.args;
  if (!assignment) return zfsUsage(inv, 'missing property=value argument', usage);
  if (targets.length === 0) return zfsUsage(inv, 'missing dataset name', usage);
  const eq = assignment.indexOf('=');
  if (eq < 0) return zfsUsage(inv, "missing '=' for set argument", usage);
  const [name, value] = [assignment.slice(0, eq), assignment.slice(eq + 1)];
  const { zfs } = inv.host;
  return eachTarget(inv, targets, (target, dataset, snapshot) => {
    if (snapshot) {
      if (!isUserProp(name))
        return zfsError(inv, `cannot set property for '${target}': this property can not be modified for snapshots`);
      setLocalProp(snapshot, name, value);
      return 0;
    }
    const prop = canonicalProp(name) ?? name;
    const checked = validateSet(dataset.type, prop, value);
    if ('error' in checked) return zfsError(inv, `cannot set property for '${target}': ${checked.error}`);
    // A local value overrides a received one; a mounted filesystem is remounted at a new mountpoint.
    changeMountProperty(zfs, dataset, prop, checked.value, () => setLocalProp(dataset, prop, checked.value));
    return 0;
  });
}

const INHERIT: ZfsSyntax = { usage: 'inherit [-rS] <property> <filesystem|volume|snapshot> ...', options: 'rS' };

/**
 * `zfs inherit [-rS] prop ds…`: drops the local value (recursively with -r). Without -S a received
 * value stays overridden (the property is explicitly inherited); -S brings it back.
 */
export const zfsInherit = zfsSubcommand(INHERIT, (inv, o, usage) => {
  const [name, ...targets] = o.operands;
  if (!name || targets.length === 0)
    return zfsUsage(inv, name ? 'missing dataset argument' : 'missing property argument', usage);
  if (!isUserProp(name) && !NATIVE[name]) return zfsUsage(inv, `invalid property '${name}'`, usage);
  if (NATIVE[name]?.readonly) return zfsError(inv, `'${name}' property is read-only`);
  if (
    !isInheritable(name) ||
    name === 'quota' ||
    name === 'reservation' ||
    name === 'refquota' ||
    name === 'refreservation' ||
    name === 'canmount' ||
    name === 'volsize'
  ) {
    return zfsError(inv, `'${name}' property cannot be inherited`);
  }
  const { zfs } = inv.host;
  const revert = has(o, 'S');
  return eachTarget(inv, targets, (_target, dataset, snapshot) => {
    if (snapshot) {
      inheritProp(snapshot, name, revert);
      return 0;
    }
    const prop = canonicalProp(name) ?? name;
    for (const d of has(o, 'r') ? zfs.tree(dataset.name) : [dataset]) {
      changeMountProperty(zfs, d, prop, undefined, () => inheritProp(d, prop, revert));
    }
    return 0;
  });
});
