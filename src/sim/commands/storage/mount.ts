import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { getopt, last } from '../getopt';

/** mount_nfs's failure status (RET_ERR; inferred from illumos fs.d/nfs/mount/mount.c). */
const NFS_MOUNT_FAILED = 33;

const fail = (inv: Invocation, text: string, status = 1): number => {
  print(inv.io.stderr, `${text}\n`);
  return status;
};

/**
 * `mount [-F nfs] [-o opts] server:/path /mountpoint`: an NFS mount on the lab's fabric, so every
 * host mounting the same share sees the same files (StorageFabric.resolveFile). The server must be a
 * lab host sharing that path or a directory above it (a fabric-level share list set by fixtures:
 * storageFixtures.ts shareNfs; `zfs set share.nfs` is not modelled). mount(8) takes a
 * `host:path` special without -F as NFS. Error texts are inferred ("nfs mount: …").
 */
export const mount: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'F:o:Orm');
  if ('badOption' in o) return fail(inv, `mount: illegal option -- ${o.badOption}`, 2);
  const [special, mountpoint] = o.operands;
  const fstype = last(o, 'F') ?? (special?.includes(':') ? 'nfs' : undefined);
  if (fstype !== 'nfs' || special === undefined || mountpoint === undefined || o.operands.length !== 2)
    return fail(inv, 'mount: only `mount -F nfs server:/path /mountpoint` is simulated', 2);
  const colon = special.indexOf(':');
  const serverName = special.slice(0, colon);
  const path = special.slice(colon + 1);
  if (colon <= 0 || !path.startsWith('/')) return fail(inv, `nfs mount: ${special}: invalid special`, NFS_MOUNT_FAILED);
  const { fabric } = inv.host.network;
  const server = inv.host.network.resolve(serverName);
  if (!server) return fail(inv, `nfs mount: ${serverName}: : RPC: Unknown host`, NFS_MOUNT_FAILED);
  const shares = fabric.shares.get(server.name) ?? [];
  if (!shares.some((s) => path === s || path.startsWith(`${s}/`)))
    return fail(inv, `nfs mount: ${special}: No such file or directory`, NFS_MOUNT_FAILED);
  if (fabric.mountOf(inv.host, mountpoint)?.mountpoint === mountpoint)
    return fail(inv, `nfs mount: mount: ${mountpoint}: Device busy`, NFS_MOUNT_FAILED);
  fabric.mount(inv.host, { mountpoint, server: serverName, path });
  return 0;
};
