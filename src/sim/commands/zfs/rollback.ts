import { has } from '../getopt';
import { isBusy, soleOperand, zfsError, zfsSubcommand } from './common';

/** `zfs rollback [-rRf] snapshot`. */
export const zfsRollback = zfsSubcommand({ usage: 'rollback [-rRf] <snapshot>', options: 'rRf' }, (inv, o, usage) => {
  const target = soleOperand(inv, o, usage, 'dataset');
  if (typeof target === 'number') return target;
  const found = inv.host.zfs.snapshot(target);
  if (!found) return zfsError(inv, `cannot open '${target}': dataset does not exist`);
  const { dataset, snapshot } = found;
  const newer = dataset.snapshots.slice(dataset.snapshots.indexOf(snapshot) + 1);
  if (newer.length > 0 && !has(o, 'r') && !has(o, 'R')) {
    return zfsError(
      inv,
      `cannot rollback to '${target}': more recent snapshots exist\nuse '-r' to force deletion of the following snapshots:\n${newer.map((s) => `${dataset.name}@${s.name}`).join('\n')}`,
    );
  }
  if (isBusy(inv, dataset.name)) return zfsError(inv, `cannot rollback '${dataset.name}': dataset is busy`);
  dataset.snapshots = dataset.snapshots.filter((s) => !newer.includes(s));
  dataset.blocks = new Map(snapshot.blocks);
  // A zvol's blocks include a Kernel Zone's host data: the rollback brings back the old record
  // (and the key it was sealed with), as the LU-rollback write-up in docs/procedures.md shows.
  if (snapshot.hostData) dataset.hostData = { ...snapshot.hostData };
  else delete dataset.hostData;
  return 0;
});
