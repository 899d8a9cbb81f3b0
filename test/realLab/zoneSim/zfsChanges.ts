import type { DatasetImage, ZfsImage } from './zfsImage';

/** The real `zfs` commands (without `zfs`) that make a host's ZFS do what a simulated command did. */
export interface ZfsChanges {
  /** Destroys, creates, property changes and snapshots, in the order they must run. */
  commands: string[][];
  /** Datasets whose mount state the command changed, with the state it left them in. */
  mounts: { dataset: string; mounted: boolean }[];
}

const isBelow = (name: string, parent: string): boolean => name.startsWith(`${parent}/`);

function propertyCommands(name: string, before: DatasetImage, after: DatasetImage): string[][] {
  const commands: string[][] = [];
  const names = new Set([...Object.keys(before.own), ...Object.keys(after.own)]);
  const order = [...names].sort((a, b) => rank(a, after) - rank(b, after) || (a < b ? -1 : a > b ? 1 : 0));
  for (const property of order) {
    const was = before.own[property];
    const now = after.own[property];
    if (was?.value === now?.value && was?.source === now?.source) continue;
    if (now?.source === 'local') commands.push(['set', `${property}=${now.value}`, name]);
    else if (now?.source === 'received') commands.push(['inherit', '-S', property, name]);
    else commands.push(['inherit', property, name]);
  }
  return commands;
}

/**
 * ZFS refuses to change the mountpoint of a zoned dataset from the global zone ("dataset is used in
 * a non-global zone", observed on zfs-fuse): `zoned=off` goes first and any other zoned change last,
 * as the brand scripts order them (omniosorg/pkg5 src/brand/ipkg/attach: `zfs inherit mountpoint`
 * before `zfs inherit zoned`). canmount comes before the mountpoint, which may then mount.
 */
function rank(property: string, after: DatasetImage): number {
  if (property === 'zoned') return after.own['zoned']?.value === 'off' ? 0 : 4;
  return property === 'canmount' ? 1 : property === 'mountpoint' ? 3 : 2;
}

/**
 * The difference between the model before and after a simulated command, as zfs commands: removed
 * datasets destroyed (top of each removed tree only, with -r), new ones created with their own
 * values, changed values set or inherited (`inherit -S` back to a received value), snapshots taken
 * or destroyed. Datasets and values the command did not touch are left alone, so changes made on the
 * host meanwhile (zmig's own zfs commands) are never reverted.
 */
export function zfsChanges(before: ZfsImage, after: ZfsImage): ZfsChanges {
  const commands: string[][] = [];
  const mounts: ZfsChanges['mounts'] = [];
  const removed = [...before.keys()].filter((name) => !after.has(name));
  for (const name of removed) {
    if (removed.some((other) => isBelow(name, other))) continue;
    // zfs-fuse refuses to destroy a mounted tree ("dataset is busy") until its top is unmounted.
    if (before.get(name)?.mounted) commands.push(['unmount', name]);
    commands.push(['destroy', '-r', name]);
  }
  for (const [name, now] of after) {
    const was = before.get(name);
    if (!was) {
      // zfs create applies what the simulator set at creation; values it set later are the same.
      const options = Object.entries(now.own).flatMap(([p, v]) => ['-o', `${p}=${v.value}`]);
      commands.push(['create', ...options, name]);
      commands.push(...now.snapshots.map((snap) => ['snapshot', `${name}@${snap}`]));
      mounts.push({ dataset: name, mounted: now.mounted });
      continue;
    }
    commands.push(...propertyCommands(name, was, now));
    for (const snap of was.snapshots) if (!now.snapshots.includes(snap)) commands.push(['destroy', `${name}@${snap}`]);
    for (const snap of now.snapshots) if (!was.snapshots.includes(snap)) commands.push(['snapshot', `${name}@${snap}`]);
    if (was.mounted !== now.mounted) mounts.push({ dataset: name, mounted: now.mounted });
  }
  return { commands, mounts };
}
