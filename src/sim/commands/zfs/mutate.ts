import { canonicalProp, inheritProp, isInheritable, isUserProp, NATIVE, setLocalProp, validateSet } from '../../model/zfsProps';
import { changeMountProperty } from '../../model/zfsMount';
import { parentName, poolOf, splitSnapshot } from '../../model/zfsState';
import { parseSize } from '../../model/sizes';
import type { Invocation } from '../../shell/invocation';
import { getopt, has } from '../getopt';
import { badOption, isBusy, zfsError, zfsUsage } from './common';

const VALID_COMPONENT = /^[A-Za-z0-9_.:-]+$/;

/** Parses `-o p=v` options; returns a usage message on a bad one. */
function assignments(values: string[]): Record<string, string> | string {
  const result: Record<string, string> = {};
  for (const a of values) {
    const eq = a.indexOf('=');
    if (eq < 0) return `missing '=' for -o option`;
    result[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return result;
}

/** `zfs snapshot [-r] [-o p=v]… fs@snap…` — all or nothing, like the atomic ioctl. */
export async function zfsSnapshot(inv: Invocation): Promise<number> {
  const usage = 'snapshot [-r] [-o property=value] ... <filesystem@snapname|volume@snapname> ...';
  const o = getopt(inv.args, 'ro:');
  if ('badOption' in o) return badOption(inv, o.badOption, usage);
  if (o.operands.length === 0) return zfsUsage(inv, 'missing snapshot argument', usage);
  const props = assignments(o.opts.get('o') ?? []);
  if (typeof props === 'string') return zfsUsage(inv, props, usage);
  const { zfs } = inv.host;
  const planned: { fs: string; snap: string }[] = [];
  for (const operand of o.operands) {
    const [fs, snap] = splitSnapshot(operand);
    if (!snap || !VALID_COMPONENT.test(snap)) {
      return zfsError(inv, `cannot create snapshot '${operand}': empty component or misplaced '@' or '#' delimiter in name`);
    }
    const root = zfs.get(fs);
    if (!root) return zfsError(inv, `cannot open '${fs}': dataset does not exist`);
    for (const d of has(o, 'r') ? zfs.tree(fs) : [root]) {
      if (d.snapshots.some((s) => s.name === snap)) {
        return zfsError(inv, `cannot create snapshot '${d.name}@${snap}': dataset already exists`);
      }
      planned.push({ fs: d.name, snap });
    }
  }
  for (const { fs, snap } of planned) {
    const dataset = zfs.get(fs);
    if (dataset) zfs.takeSnapshot(dataset, snap, props);
  }
  return 0;
}

/** `zfs destroy [-rRf] fs|vol|fs@snap` with libzfs's errors (zfs_main.c zfs_do_destroy; observed on zfs-fuse). */
export async function zfsDestroy(inv: Invocation): Promise<number> {
  const usage = 'destroy [-rRf] <filesystem|volume>\n\tdestroy [-rRd] <snapshot>';
  const o = getopt(inv.args, 'rRfdn');
  if ('badOption' in o) return badOption(inv, o.badOption, usage);
  const [target, extra] = o.operands;
  if (!target || extra) return zfsUsage(inv, target ? 'too many arguments' : 'missing dataset argument', usage);
  const recursive = has(o, 'r') || has(o, 'R');
  const { zfs } = inv.host;
  const [fs, snap] = splitSnapshot(target);
  if (snap !== undefined) {
    const owner = zfs.get(fs);
    if (!owner) return zfsError(inv, `cannot open '${fs}': dataset does not exist`);
    const victims = (recursive ? zfs.tree(fs) : [owner]).filter((d) => d.snapshots.some((s) => s.name === snap));
    // zfs-fuse opens a named snapshot first (observed on zfs-fuse 0.7).
    if (victims.length === 0 && !recursive && inv.host.release.zfs.destroyOpensSnapshot) {
      return zfsError(inv, `cannot open '${target}': dataset does not exist`);
    }
    if (victims.length === 0) return zfsError(inv, 'could not find any snapshots to destroy; check snapshot names.');
    // A user hold keeps a snapshot (observed on zfs-fuse 0.7: EBUSY from the destroy ioctl).
    const held = victims.find((d) => d.snapshots.some((s) => s.name === snap && (s.holds?.size ?? 0) > 0));
    if (held) return zfsError(inv, `cannot destroy '${held.name}@${snap}': dataset is busy`);
    for (const d of victims) d.snapshots = d.snapshots.filter((s) => s.name !== snap);
    return 0;
  }
  const dataset = zfs.get(fs);
  if (!dataset) return zfsError(inv, `cannot open '${fs}': dataset does not exist`);
  if (!fs.includes('/')) {
    return zfsError(inv, `cannot destroy '${fs}': operation does not apply to pools\nuse 'zfs destroy -r ${fs}' to destroy all datasets in the pool\nuse 'zpool destroy ${fs}' to destroy the pool itself`);
  }
  const tree = zfs.tree(fs);
  // Listed deepest first, each filesystem after its children and snapshots, a filesystem's own
  // snapshots last (observed on zfs-fuse 0.7; libzfs zfs_iter_dependents() walks them post-order).
  const dependentsOf = (name: string): string[] => [
    ...zfs.children(name).flatMap((child) => [...dependentsOf(child.name), child.name]),
    ...(zfs.get(name)?.snapshots ?? []).map((s) => `${name}@${s.name}`),
  ];
  const dependents = dependentsOf(fs);
  if (!recursive && dependents.length > 0) {
    const what = dataset.type === 'volume' ? 'volume' : 'filesystem';
    return zfsError(inv, `cannot destroy '${fs}': ${what} has children\nuse '-r' to destroy the following datasets:\n${dependents.join('\n')}`);
  }
  // Held snapshots stop a recursive destroy, the first one found deepest first (observed on zfs-fuse 0.7).
  const held = dependents.find((name) => {
    const [owner, snap] = splitSnapshot(name);
    return snap !== undefined && (zfs.get(owner)?.snapshots.find((s) => s.name === snap)?.holds?.size ?? 0) > 0;
  });
  if (held) return zfsError(inv, `cannot destroy '${held}': dataset is busy`);
  const busy = tree.find((d) => isBusy(inv, d.name));
  if (busy) return zfsError(inv, `cannot destroy '${busy.name}': dataset is busy`);
  for (const d of tree.reverse()) zfs.remove(d.name);
  return 0;
}

/** A `ds` or `ds@snap` operand: the dataset, and the snapshot when one is named; undefined if either is missing. */
function openTarget(zfs: Invocation['host']['zfs'], target: string) {
  const [fs, snap] = splitSnapshot(target);
  const dataset = zfs.get(fs);
  const snapshot = snap === undefined ? undefined : dataset?.snapshots.find((s) => s.name === snap);
  if (!dataset || (snap !== undefined && !snapshot)) return undefined;
  return { dataset, snapshot };
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
  let status = 0;
  for (const target of targets) {
    const found = openTarget(zfs, target);
    if (!found) {
      status = zfsError(inv, `cannot open '${target}': dataset does not exist`);
      continue;
    }
    const { dataset, snapshot } = found;
    if (snapshot) {
      if (!isUserProp(name)) status = zfsError(inv, `cannot set property for '${target}': this property can not be modified for snapshots`);
      else setLocalProp(snapshot, name, value);
      continue;
    }
    const prop = canonicalProp(name) ?? name;
    const checked = validateSet(dataset.type, prop, value);
    if ('error' in checked) {
      status = zfsError(inv, `cannot set property for '${target}': ${checked.error}`);
      continue;
    }
    // A local value overrides a received one; a mounted filesystem is remounted at a new mountpoint.
    changeMountProperty(zfs, dataset, prop, checked.value, () => setLocalProp(dataset, prop, checked.value));
  }
  return status;
}

/**
 * `zfs inherit [-rS] prop ds…`: drops the local value (recursively with -r). Without -S a received
 * value stays overridden (the property is explicitly inherited); -S brings it back.
 */
export async function zfsInherit(inv: Invocation): Promise<number> {
  const usage = 'inherit [-rS] <property> <filesystem|volume|snapshot> ...';
  const o = getopt(inv.args, 'rS');
  if ('badOption' in o) return badOption(inv, o.badOption, usage);
  const [name, ...targets] = o.operands;
  if (!name || targets.length === 0) return zfsUsage(inv, name ? 'missing dataset argument' : 'missing property argument', usage);
  if (!isUserProp(name) && !NATIVE[name]) return zfsUsage(inv, `invalid property '${name}'`, usage);
  if (NATIVE[name]?.readonly) return zfsError(inv, `'${name}' property is read-only`);
  if (!isInheritable(name) || name === 'quota' || name === 'reservation' || name === 'refquota' || name === 'refreservation' || name === 'canmount' || name === 'volsize') {
    return zfsError(inv, `'${name}' property cannot be inherited`);
  }
  const { zfs } = inv.host;
  let status = 0;
  for (const target of targets) {
    const found = openTarget(zfs, target);
    if (!found) {
      status = zfsError(inv, `cannot open '${target}': dataset does not exist`);
      continue;
    }
    const { dataset, snapshot } = found;
    const revert = has(o, 'S');
    if (snapshot) {
      inheritProp(snapshot, name, revert);
      continue;
    }
    const prop = canonicalProp(name) ?? name;
    for (const d of has(o, 'r') ? zfs.tree(dataset.name) : [dataset]) {
      changeMountProperty(zfs, d, prop, undefined, () => inheritProp(d, prop, revert));
    }
  }
  return status;
}

/** `zfs rollback [-rRf] snapshot`. */
export async function zfsRollback(inv: Invocation): Promise<number> {
  const usage = 'rollback [-rRf] <snapshot>';
  const o = getopt(inv.args, 'rRf');
  if ('badOption' in o) return badOption(inv, o.badOption, usage);
  const [target, extra] = o.operands;
  if (!target || extra) return zfsUsage(inv, target ? 'too many arguments' : 'missing dataset argument', usage);
  const found = inv.host.zfs.snapshot(target);
  if (!found) return zfsError(inv, `cannot open '${target}': dataset does not exist`);
  const { dataset, snapshot } = found;
  const newer = dataset.snapshots.slice(dataset.snapshots.indexOf(snapshot) + 1);
  if (newer.length > 0 && !has(o, 'r') && !has(o, 'R')) {
    return zfsError(inv, `cannot rollback to '${target}': more recent snapshots exist\nuse '-r' to force deletion of the following snapshots:\n${newer.map((s) => `${dataset.name}@${s.name}`).join('\n')}`);
  }
  if (isBusy(inv, dataset.name)) return zfsError(inv, `cannot rollback '${dataset.name}': dataset is busy`);
  dataset.snapshots = dataset.snapshots.filter((s) => !newer.includes(s));
  dataset.blocks = new Map(snapshot.blocks);
  return 0;
}

/** `zfs create [-p] [-o p=v]… fs` and `zfs create [-ps] [-b bs] -V size vol`. */
export async function zfsCreate(inv: Invocation): Promise<number> {
  const usage = 'create [-p] [-o property=value] ... <filesystem>\n\tcreate [-ps] [-b blocksize] [-o property=value] ... -V <size> <volume>';
  const o = getopt(inv.args, 'po:V:sb:');
  if ('badOption' in o) return badOption(inv, o.badOption, usage);
  const [name, extra] = o.operands;
  if (!name || extra) return zfsUsage(inv, name ? 'too many arguments' : 'missing filesystem argument', usage);
  const props = assignments(o.opts.get('o') ?? []);
  if (typeof props === 'string') return zfsUsage(inv, props, usage);
  const volsize = o.opts.get('V')?.at(-1);
  const type = volsize === undefined ? 'filesystem' : 'volume';
  if (volsize !== undefined) {
    const bytes = parseSize(volsize);
    if (bytes === undefined) return zfsError(inv, `bad volume size '${volsize}'`);
    props.volsize = String(bytes);
  }
  const { host } = inv;
  if (name.includes('@') || !name.includes('/') || !name.split('/').every((c) => VALID_COMPONENT.test(c))) {
    return zfsError(inv, `cannot create '${name}': invalid dataset name`);
  }
  if (host.zfs.get(name)) return zfsError(inv, `cannot create '${name}': dataset already exists`);
  if (!host.zfs.pools.has(poolOf(name))) return zfsError(inv, `cannot create '${name}': no such pool '${poolOf(name)}'`);
  const parent = parentName(name) ?? '';
  if (!host.zfs.get(parent) && !has(o, 'p')) return zfsError(inv, `cannot create '${name}': parent does not exist`);
  const checkedProps: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    const canonical = canonicalProp(k) ?? k;
    const checked = validateSet(type, canonical, v);
    if ('error' in checked) return zfsError(inv, `cannot create '${name}': ${checked.error}`);
    checkedProps[canonical] = checked.value;
  }
  host.createDataset(name, { type, props: checkedProps });
  return 0;
}
