import { filesystemAtPath } from '../../model/zfsPath';
import { propertyOf } from '../../model/zfsProps';
import { parentName, poolOf } from '../../model/zfsState';
import type { Dataset } from '../../model/zfsTypes';
import type { SimHost } from '../../simHost';
import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt } from '../getopt';

/** df.c's column widths: FILESYSTEM_WIDTH 20, KBYTE_WIDTH 11, CAPACITY_WIDTH 9. */
const row = (fs: string, total: string, used: string, avail: string, capacity: string, mounted: string): string =>
  `${fs.padEnd(20)} ${total.padStart(11)} ${used.padStart(11)} ${avail.padStart(11)} ${capacity.padEnd(9)} ${mounted}\n`;

/** printf's %.0f: round half to even. */
const printfRound = (x: number): number => {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
};

/**
 * One df -k line. ZFS's statvfs reports referenced + available blocks with available free, so Used
 * is the referenced bytes and Capacity "%5.0f%%" of referenced / (referenced + available) + 0.5
 * (df.c k_output). The 1024-blocks column is the dataset's refquota or the smallest quota up the
 * tree, capped by the pool root's used + available (df.c adjust_total_blocks).
 */
function line(special: string, mountpoint: string, host: SimHost, datasetName: string): string {
  const dataset = host.dataset(datasetName)!;
  const bytes = (d: Dataset, name: string): number => Number(propertyOf(host.zfs, d, name).value);
  const referenced = bytes(dataset, 'referenced');
  const avail = bytes(dataset, 'available');
  const root = host.dataset(poolOf(datasetName)) ?? dataset;
  let total = bytes(root, 'used') + bytes(root, 'available');
  const limits = [bytes(dataset, 'refquota')];
  for (let name: string | undefined = datasetName; name; name = parentName(name)) {
    const d = host.dataset(name);
    if (d) limits.push(bytes(d, 'quota'));
  }
  for (const limit of limits) if (limit > 0 && limit < total) total = limit;
  const kb = (n: number): string => String(Math.floor(n / 1024));
  const ratio = referenced + avail === 0 ? 0 : (referenced / (referenced + avail)) * 100;
  const capacity = `${String(printfRound(ratio + 0.5)).padStart(5)}%`;
  return row(special, kb(total), kb(referenced), kb(avail), capacity, mountpoint);
}

/**
 * The df -k line for a path: on an NFS mount the special is `server:/path` and the space is that of
 * the server's filesystem holding the path; on local ZFS the special is the dataset name.
 */
function describe(inv: Invocation, path: string): string | undefined {
  const nfs = inv.host.network.fabric.mountOf(inv.host, path);
  if (nfs) {
    const server = inv.host.network.resolve(nfs.server);
    const served = server && filesystemAtPath(server.zfs, nfs.path);
    if (!server || !served) return undefined;
    return line(`${nfs.server}:${nfs.path}`, nfs.mountpoint, server, served.name);
  }
  const local = filesystemAtPath(inv.host.zfs, path);
  if (!local) return undefined;
  return line(local.name, propertyOf(inv.host.zfs, local, 'mountpoint').value, inv.host, local.name);
}

/**
 * `df -k [path...]` for paths (Solaris 11.0 usr/src/cmd/fs.d/df.c print_header and k_output):
 * header `Filesystem 1024-blocks Used Available Capacity Mounted on` in the same widths as the rows;
 * total = used + available as adjust_total_blocks computes for ZFS. A path on no known filesystem:
 * `df: (%-10s) not a block device, directory or mounted resource`, exit 1 (create_request_list;
 * the exit status with other valid paths is inferred).
 */
export const df: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'kh');
  if ('badOption' in o) {
    print(inv.io.stderr, `df: illegal option -- ${o.badOption}\n`);
    return 2;
  }
  if (o.operands.length === 0) {
    print(inv.io.stderr, 'df: only `df -k <path>...` is simulated\n');
    return 2;
  }
  let status = 0;
  const lines: string[] = [];
  for (const path of o.operands) {
    const text = describe(inv, path);
    if (text) lines.push(text);
    else {
      print(inv.io.stderr, `df: (${path.padEnd(10)}) not a block device, directory or mounted resource\n`);
      status = 1;
    }
  }
  if (lines.length > 0)
    print(
      inv.io.stdout,
      row('Filesystem', '1024-blocks', 'Used', 'Available', 'Capacity', 'Mounted on') + lines.join(''),
    );
  return status;
};
