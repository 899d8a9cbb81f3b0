import { splitSnapshot } from '../../model/zfsState';
import { has } from '../getopt';
import { assignments, VALID_COMPONENT, zfsError, zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';

const SYNTAX: ZfsSyntax = {
  usage: 'snapshot [-r] [-o property=value] ... <filesystem@snapname|volume@snapname> ...',
  options: 'ro:',
};

/** `zfs snapshot [-r] [-o p=v]… fs@snap…` — all or nothing, like the atomic ioctl. */
export const zfsSnapshot = zfsSubcommand(SYNTAX, (inv, o, usage) => {
  if (o.operands.length === 0) return zfsUsage(inv, 'missing snapshot argument', usage);
  const props = assignments(o.opts.get('o') ?? []);
  if (typeof props === 'string') return zfsUsage(inv, props, usage);
  const { zfs } = inv.host;
  const planned: { fs: string; snap: string }[] = [];
  for (const operand of o.operands) {
    const [fs, snap] = splitSnapshot(operand);
    if (!snap || !VALID_COMPONENT.test(snap)) {
      return zfsError(
        inv,
        `cannot create snapshot '${operand}': empty component or misplaced '@' or '#' delimiter in name`,
      );
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
});
