import { posix } from 'node:path';
import { readAll } from '../../shell/io';
import { mountable } from '../../model/zfsMount';
import { IPKG_BRANDS } from '../../model/ipkgBrands';
import type { Dataset } from '../../model/zfsTypes';
import type { Zone } from '../../model/zoneTypes';
import { STATE_RANK } from '../../model/zoneTypes';
import { IPKG_BRAND_USAGE, brandOpts, checkGzbe, subUsage } from './attachBrandCommon';
import { attachIpkg } from './attachIpkgBrand';
import { readManifest } from './attachManifest';
import { attachSolaris } from './attachSolarisBrand';
import { KZ_BRAND } from '../../model/kernelZone';
import { kzAttach } from './zoneadmKernelZone';
import { has } from '../getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { brandError, out, zerror } from './zoneadmContext';

interface ZoneadmAttachOpts {
  force: boolean;
  manifest: string | undefined;
}

/**
 * zoneadm's own pass over the arguments: getopt "?Fn:X" with opterr=0, unknown (brand) options
 * ignored. Like getopt it stops at the first operand, so `-x deny-zbe-clone -n -` hides the -n
 * from zoneadm (Solaris 11.0 zoneadm.c attach_func).
 */
function zoneadmOpts(args: readonly string[]): ZoneadmAttachOpts {
  const result: ZoneadmAttachOpts = { force: false, manifest: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--' || !arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (letter === 'F') result.force = true;
      if (letter !== 'n') continue;
      const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
      if (value !== undefined) result.manifest = value;
      break;
    }
  }
  return result;
}

/**
 * `attach -n <path>`: zoneadm's dryrun_get_brand (copy the manifest, zonecfg_attach_manifest,
 * brand from it), then target_zone = "-", the brand's verify_adm hook and its attach hook in
 * no-execute mode. No package or software check: both brands exit 0 there ("There is no sw
 * validation for IPS right now"; Solaris 11.0 solaris/zone/attach.ksh, omniosorg/pkg5
 * src/brand/ipkg/attach). The solaris brand first runs get_current_gzbe.
 */
async function dryRun(call: ZoneadmCall, path: string): Promise<number> {
  const { host } = call.inv;
  if (path !== '-') {
    // dryrun_get_brand: "could not open manifest path %s%s: %s" (cwd glued on for a relative path;
    // zoneadm's main() chdir("/") first). The simulated hosts have no files.
    zerror(call, `could not open manifest path ${path.startsWith('/') ? '' : '/'}${path}: No such file or directory`);
    return 1;
  }
  const manifest = readManifest((await readAll(call.inv.io.stdin, call.inv.io.signal)).toString());
  if (!manifest) {
    zerror(call, 'Input is not a valid XML file');
    return 1;
  }
  // zonecfg_get_brand falls back to the default brand when the manifest names none.
  const brand = manifest.brand === '' ? (host.brands[0] ?? '') : manifest.brand;
  const dry: ZoneadmCall = { ...call, zoneName: '-' };
  if (!host.brands.includes(brand)) {
    zerror(dry, 'missing or invalid brand');
    return 1;
  }
  const o = brandOpts(dry, brand);
  if (!o) return 1;
  if (IPKG_BRANDS.includes(brand)) {
    // ipkg attach: `-n` with -a/-d/-r is `fatal "$m_usage"` while EXIT_CODE is ZONE_SUBPROC_USAGE.
    if (has(o, 'a') || has(o, 'd') || has(o, 'r')) {
      brandError(dry, IPKG_BRAND_USAGE);
      subUsage(dry, brand);
      return 1;
    }
    return 0;
  }
  if (!checkGzbe(dry, brand)) return 1;
  return 0;
}

/**
 * `attach [-F] [-n path] [brand options]` (Solaris 11.0 zoneadm.c attach_func): sanity_check,
 * then (Solaris) create_zfs_zonepath and validate_zonepath, then the brand's attach hook unless -F.
 */
export async function attach(call: ZoneadmCall): Promise<number> {
  const opts = zoneadmOpts(call.args);
  if (opts.manifest !== undefined && opts.force) {
    zerror(call, '-F and -n flags are mutually exclusive');
    return 1;
  }
  if (opts.manifest !== undefined) return dryRun(call, opts.manifest);

  const zone = call.zone;
  if (!zone) {
    zerror(call, 'no zone specified');
    return 1;
  }
  if (STATE_RANK[zone.state] >= STATE_RANK.ready) {
    zerror(call, `attach operation is invalid for ${zone.state} zones.`);
    return 1;
  }
  if (zone.state === 'installed') {
    zerror(call, 'is already installed.');
    return 1;
  }
  if (zone.state === 'incomplete' && !opts.force) {
    zerror(call, 'zone is incomplete; uninstall required.');
    return 1;
  }
  const { host } = call.inv;
  const brand = zone.config.props.brand ?? host.brands[0] ?? '';
  if (!host.brands.includes(brand)) {
    zerror(call, 'missing or invalid brand');
    return 1;
  }
  // A Kernel Zone lives on its devices, not a zonepath dataset: its host data decides (solaris-kz(7)).
  if (brand === KZ_BRAND) return kzAttach(call, zone);
  const zonepath = zone.config.props.zonepath ?? '';
  if (IPKG_BRANDS.includes(brand)) {
    // illumos zoneadm does not create or check a ZFS zonepath before the brand hook.
    if (opts.force) return forceAttach(call, zone);
    return attachIpkg(call, zone, brand, zonepath);
  }
  const zpds = prepareZonepath(call, zonepath);
  if (!zpds) return 1;
  // -F: "A force-attach does not call any of the brand scripts"; the state becomes installed.
  if (opts.force) return forceAttach(call, zone);
  return attachSolaris(call, zone, brand, zpds);
}

async function forceAttach(call: ZoneadmCall, zone: Zone): Promise<number> {
  await call.inv.host.sleep(call.inv.host.timings.attachMs);
  zone.state = 'installed';
  return 0;
}

/**
 * Solaris 11.0 zoneadm zfs.c create_zfs_zonepath, then zoneadm.c validate_zonepath. A dataset
 * mounted at the zonepath is used. Otherwise path2name takes the default name (<dataset mounted
 * on the parent directory>/<basename>): if that dataset exists its mountpoint must be the zonepath
 * and zoneadm mounts it; if it does not exist zoneadm creates it ("A ZFS file system has been
 * created for this zone."). Failures end with "failed to create zone path"; a zonepath left
 * unmounted fails validate_zonepath ("zonepath is not a mountpoint for a zfs file system").
 */
function prepareZonepath(call: ZoneadmCall, zonepath: string): Dataset | undefined {
  const { host } = call.inv;
  if (!zonepath.startsWith('/')) {
    zerror(call, `zonepath ${zonepath} is not an absolute path.`);
    return undefined;
  }
  const mounted = host.zonepathDataset(zonepath);
  if (mounted) return mounted;
  const parent = host.zonepathDataset(posix.dirname(zonepath));
  if (!parent) {
    // find_closest_ancestor on a parent directory that is not a dataset's mountpoint, i.e. a plain
    // directory of the global zone's root file system (inferred: the simulator has no directories).
    zerror(call, 'zonepath must not be in global zone root file system.');
    zerror(call, 'failed to create zone path');
    return undefined;
  }
  const name = `${parent.name}/${posix.basename(zonepath)}`;
  const existing = host.zfs.get(name);
  if (existing) {
    const mountpoint = host.mountpointOf(existing);
    if (mountpoint !== zonepath) {
      zerror(call, `default zonepath dataset for ${zonepath} is ${name}`);
      zerror(call, `dataset ${name} exists with mountpoint ${mountpoint}`);
      zerror(call, 'failed to create zone path');
      return undefined;
    }
    // "If it's not mounted, mount it." zfs_mount() returns success without mounting what
    // zfs_is_mountable() refuses (canmount=off, zoned=on; libzfs_mount.c), and then
    // validate_zonepath's is_mountpnt() check fails.
    if (mountable(host.zfs, existing)) existing.mounted = true;
    if (!existing.mounted) {
      zerror(call, 'zonepath is not a mountpoint for a zfs file system');
      call.inv.io.stderr.write(`could not verify zonepath ${zonepath} because of the above errors.\n`);
      return undefined;
    }
    return existing;
  }
  // The real dataset is created with sharenfs=off and sharesmb=off (not modelled).
  const created = host.zfs.insert(name, 'filesystem', {});
  created.mounted = true;
  out(call, 'A ZFS file system has been created for this zone.\n');
  return created;
}
