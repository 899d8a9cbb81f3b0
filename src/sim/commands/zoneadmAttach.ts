import { readAll } from '../shell/io';
import { PARENT_BE_PROP, ZBE_ACTIVE_PROP } from '../model/bootEnvironment';
import {
  claimZbe,
  cloneZbe,
  destroyTree,
  discoverActiveBe,
  globalBes,
  listZbes,
  setActiveBe,
  zbeContainer,
  type GlobalBes,
  type Zbe,
  type ZbeChoice,
} from '../model/zoneBootEnvironments';
import { mountable } from '../model/zfsMount';
import { inheritProp, setLocalProp } from '../model/zfsProps';
import type { Dataset } from '../model/zfsTypes';
import type { Zone } from '../model/zoneTypes';
import { STATE_RANK } from '../model/zoneTypes';
import { compareVersions, readManifest } from './attachManifest';
import { getopt, has, last, type Options } from './getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { brandError, brandLog, logPath, out, zerror } from './zoneadmContext';

const ZBE_OPTIONS = ['attach-last-booted-zbe', 'destroy-orphan-zbes', 'force-zbe-clone', 'deny-zbe-clone'];
const IPKG_BRANDS = ['ipkg', 'lipkg', 'sparse'];

/** Solaris 11.0 zoneadm.c SHELP_ATTACH and long_help(CMD_ATTACH) (ADD_BRAND fills in the brand). */
function subUsage(call: ZoneadmCall, brand: string): void {
  call.inv.io.stderr.write(
    'usage:\tattach [-F] [-n <path>] [brand-specific args]\n' +
      "\tAttach the zone to the system.  The zone state must be 'configured'\n\tprior to attach; upon " +
      "successful completion, the zone state will be\n\t'installed'.  The system software on the current " +
      "system must be\n\tcompatible with the software on the zone's original system.\n\tSpecify -F to " +
      'force the attach and skip software compatibility tests.\n\tThe -n option can be used to specify ' +
      "'no-execute' mode.  When -n is\n\tused, the information needed to attach the zone is read from the\n\t" +
      'specified path and the configuration is only validated.  The path can\n\tbe ' +
      "'-' to specify standard input.  The -F and -n options are mutually\n\texclusive.  All other arguments " +
      `are passed to the brand attach\n\tfunction; see ${brand}(5) for more information.\n`,
  );
}

/** Solaris 11.0 solaris/zone/attach.ksh m_usage. */
const SOLARIS_BRAND_USAGE =
  'Usage:\n\t attach [-uv] [-a archive | -d directory | -z zbe] [-c profile.xml | dir]\n\n' +
  '\t-u\tUpdate the software in the attached zone boot environment to\n\t\tmatch the sofware in the global zone boot environment.\n' +
  '\t-v\tVerbose.\n' +
  '\t-c\tUpdate the zone configuration with the sysconfig profile\n\t\tspecified in the given file or directory.\n' +
  '\t-a\tExtract the specified archive into the zone then attach the\n\t\tactive boot environment found in the archive.  The archive\n' +
  '\t\tmay be a zfs, cpio, or tar archive.  It may be compressed with\n\t\tgzip or bzip2.\n' +
  '\t-d\tCopy the specified directory into a new zone boot environment\n\t\tthen attach the zone boot environment.\n\n' +
  '\t-z\tAttach the specified zone boot environment.';

/** omniosorg/pkg5 src/brand/ipkg/attach m_usage. */
const IPKG_BRAND_USAGE =
  'attach [-a archive] [-d dataset] [-n] [-r zfs-recv] [-u]\n' +
  '\tThe -a archive option specifies a tar file or cpio archive.\n' +
  '\tThe -d dataset option specifies an existing dataset.\n' +
  "\tThe -r zfs-recv option receives the output of a 'zfs send' command\n\tof an existing zone root dataset.\n" +
  '\tThe -u option indicates that the software should be updated to match\n\tthe current host.';

/**
 * A brand script exiting ZONE_SUBPROC_USAGE: its fail_usage() (shared/zone/common.ksh: the message,
 * a newline, "brand-specific usage: " and m_usage, on stderr), then zoneadm's sub_usage()
 * (attach_func, status == ZONE_SUBPROC_USAGE). zoneadm exits 1.
 */
function brandUsage(call: ZoneadmCall, brand: string, message = ''): number {
  const usage = IPKG_BRANDS.includes(brand) ? IPKG_BRAND_USAGE : SOLARIS_BRAND_USAGE;
  call.inv.io.stderr.write(`${message}\nbrand-specific usage: ${usage}\n`);
  subUsage(call, brand);
  return 1;
}

/** The brand's getopts string: 11.0 attach.ksh "a:c:d:n:Uuvz:"; 11.3+ adds -x (inferred); ipkg "a:d:nr:u". */
function brandSpec(call: ZoneadmCall, brand: string): string {
  if (IPKG_BRANDS.includes(brand)) return 'a:d:nr:u';
  return call.inv.host.release.zones.zbeExtendedOptions ? 'a:c:d:n:Uuvz:x:' : 'a:c:d:n:Uuvz:';
}

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

/** The brand's getopts over the same arguments; undefined after printing the usage. */
function brandOpts(call: ZoneadmCall, brand: string): Options | undefined {
  const o = getopt(call.args, brandSpec(call, brand));
  if ('badOption' in o) {
    brandUsage(call, brand);
    return undefined;
  }
  return o;
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
 * get_current_gzbe (Solaris 11.0 solaris/zone/common.ksh): the uuid of the `N` BE in `beadm list
 * -H`; none is `fatal "unable to determine global zone boot environment."`. It runs while EXIT_CODE
 * is still ZONE_SUBPROC_USAGE, so zoneadm follows with its usage text (attach_func).
 */
function checkGzbe(call: ZoneadmCall, brand: string): boolean {
  if (call.inv.host.activeBeUuid() !== '') return true;
  brandError(call, 'unable to determine global zone boot environment.');
  subUsage(call, brand);
  return false;
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

const dirname = (p: string): string => p.slice(0, Math.max(p.lastIndexOf('/'), 1));
const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

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
  const parent = host.zonepathDataset(dirname(zonepath));
  if (!parent) {
    // find_closest_ancestor on a parent directory that is not a dataset's mountpoint, i.e. a plain
    // directory of the global zone's root file system (inferred: the simulator has no directories).
    zerror(call, 'zonepath must not be in global zone root file system.');
    zerror(call, 'failed to create zone path');
    return undefined;
  }
  const name = `${parent.name}/${basename(zonepath)}`;
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

/** The brand's trap_exit on failure: log "Result: Attach Failed." (after delete_unpinned_datasets). */
function attachFailed(call: ZoneadmCall, created: Dataset[] = []): number {
  for (const d of created) destroyTree(call.inv.host, d.name);
  brandLog(call, '                    Result: Attach Failed.');
  return 1;
}

/** What the solaris brand decided: the ZBE to activate (a clone or in place) or a failure already printed. */
type Selection = { zbe: Zbe; clone: boolean } | { failed: true };

/**
 * Which ZBE attach activates, and whether it is cloned.
 * - 11.0 (source): `-z zbe` is claim_zbe, otherwise discover_active_be.
 * - 11.3/11.4 (documented, Oracle "About Orphaned Zone Boot Environments" 11.3 and "-x deny-zbe-clone
 *   Option" 11.4): the selected ZBE is attached in place when it belongs to the active GZBE, and
 *   cloned when it belongs to another GZBE or to none; force-zbe-clone always clones; deny-zbe-clone
 *   attaches in place and refuses a ZBE that is marked active. Which ZBE is selected without -z is
 *   inferred to follow discover_active_be; attach-last-booted-zbe is inferred to take the newest
 *   ZBE marked active.
 */
function selectZbe(call: ZoneadmCall, zone: Zone, zbes: Zbe[], gz: GlobalBes, o: Options, root: string): Selection {
  const wanted = last(o, 'z');
  const extended = o.opts.get('x') ?? [];
  let choice: ZbeChoice;
  if (wanted !== undefined) {
    const zbe = zbes.find((z) => z.name === wanted);
    if (!zbe) {
      // claim_zbe → init_dataset → refresh_dataset: `zfs get` of a missing dataset.
      brandError(call, `refresh of ${root}/${wanted} failed`);
      return { failed: true };
    }
    choice = claimZbe(zbe, gz);
  } else if (extended.includes('attach-last-booted-zbe')) {
    const active = zbes.filter((z) => z.active === 'on').sort((a, b) => a.dataset.creation - b.dataset.creation);
    const newest = active.at(-1);
    choice = newest ? { kind: 'activate', zbe: newest, clone: true } : discoverActiveBe(zbes, gz);
  } else {
    choice = discoverActiveBe(zbes, gz);
  }
  if (choice.kind === 'none') {
    brandError(call, 'Zone has no boot environments');
    return { failed: true };
  }
  if (choice.kind === 'ambiguous') {
    brandLog(call, 'Unable to determine which boot environment to activate.  Candidates are:\n');
    brandLog(call, 'Zone Boot Environment Active Global Zone Boot Environment\n--------------------- ------ ------------------------------------');
    for (const row of choice.rows) brandLog(call, row);
    brandLog(call, '');
    const u = has(o, 'u') ? ' -u' : has(o, 'U') ? ' -U' : '';
    const c = last(o, 'c') === undefined ? '' : ` -c ${last(o, 'c')}`;
    brandLog(call, `Use the following command to attach a specific zone boot environment:\nzoneadm -z ${zone.name} attach -z <zbe>${c}${u}`);
    return { failed: true };
  }
  if (!call.inv.host.release.zones.zbeExtendedOptions) return { zbe: choice.zbe, clone: choice.clone };
  const mine = choice.zbe.parent === gz.current;
  if (extended.includes('force-zbe-clone')) return { zbe: choice.zbe, clone: true };
  if (mine) return { zbe: choice.zbe, clone: false };
  if (extended.includes('deny-zbe-clone')) {
    if (choice.zbe.active === 'on') {
      // Documented refusal (the ZBE "must be marked inactive"); the wording is inferred.
      brandError(call, `zone boot environment '${choice.zbe.name}' is marked active; -x deny-zbe-clone requires an inactive zone boot environment.`);
      return { failed: true };
    }
    return { zbe: choice.zbe, clone: false };
  }
  return { zbe: choice.zbe, clone: true };
}

/** The solaris brand's attach (Solaris 11.0 solaris/zone/attach.ksh, shared/zone/common.ksh attach_datasets). */
async function attachSolaris(call: ZoneadmCall, zone: Zone, brand: string, zpds: Dataset): Promise<number> {
  const { host } = call.inv;
  const o = brandOpts(call, brand);
  if (!o) return 1;
  if (has(o, 'a')) return brandUsageFatal(call, brand, `Argument ${last(o, 'a') ?? ''} is not a regular file`);
  if (has(o, 'd')) return brandUsageFatal(call, brand, `Argument ${last(o, 'd') ?? ''} is not a directory`);
  if (has(o, 'u') && has(o, 'U')) return brandUsageFatal(call, brand, 'incompatible options -u and -U');
  const extended = o.opts.get('x') ?? [];
  const unknown = extended.find((x) => !ZBE_OPTIONS.includes(x));
  if (unknown !== undefined) {
    // inferred wording: no 11.3+ brand source is public.
    return brandUsage(call, brand, `invalid extended option '${unknown}'`);
  }
  if (extended.includes('force-zbe-clone') && extended.includes('deny-zbe-clone')) {
    // documented: "The force-zbe-clone and the deny-zbe-clone are mutually exclusive options." Wording inferred.
    return brandUsage(call, brand, 'force-zbe-clone and deny-zbe-clone are mutually exclusive');
  }
  if (!checkGzbe(call, brand)) return 1;
  const noExecute = has(o, 'n');
  if (noExecute) {
    // zoneadm did not see -n (an earlier brand option hid it), the brand did: it exits 0 before any
    // work and zoneadm marks the zone installed (inferred from attach_func and attach.ksh).
    zone.state = 'installed';
    return 0;
  }
  out(call, `Progress being logged to ${logPath(zone.name, 'attach')}\n`);
  const gz = globalBes(host);
  const root = zbeContainer(host, zpds);
  const zbes = listZbes(host, zpds);
  const selection = selectZbe(call, zone, zbes, gz, o, root);
  if ('failed' in selection) return attachFailed(call);

  const created: Dataset[] = [];
  let active = selection.zbe.dataset;
  if (selection.clone) {
    const clone = cloneZbe(host, zpds, selection.zbe, brand === 'solaris10' ? 'zbe' : 'solaris');
    if (!clone) {
      brandError(call, `Failed to create snapshot of ${selection.zbe.dataset.name}`);
      return attachFailed(call);
    }
    created.push(clone);
    active = clone;
  }
  setActiveBe(host, zpds, active, gz.current);
  brandLog(call, 'Attaching...');
  brandLog(
    call,
    selection.clone
      ? `    Installing: Using clone of zone boot environment '${selection.zbe.name}'`
      : '    Installing: Using existing zone boot environment',
  );
  brandLog(call, `      Zone BE root dataset: ${active.name}`);
  await host.sleep(host.timings.attachMs);
  brandLog(call, '                     Cache: Using /var/pkg/publisher.');
  brandLog(call, '  Updating non-global zone: Linking to image /.');
  const update = has(o, 'u') || has(o, 'U');
  brandLog(call, `  Updating non-global zone: ${has(o, 'U') ? 'Updating packages.' : has(o, 'u') ? 'Syncing packages.' : 'Auditing packages.'}`);
  const cmp = compareVersions(active.imageVersion ?? host.pkgVersion, host.pkgVersion);
  if (cmp < 0 && !update) {
    // m_need_update of attach.ksh; that the sync reports it this way is inferred.
    brandLog(call, `\n                Evaluation: Packages in zone ${zone.name} are out of sync with the global zone. To proceed, retry with the -u flag.`);
    return attachFailed(call, created);
  }
  if (cmp > 0) {
    // An image newer than the global zone cannot be synced: pkg_err_check "$f_update" (inferred).
    brandError(call, 'Could not update attaching zone');
    return attachFailed(call, created);
  }
  if (cmp < 0) active.imageVersion = host.pkgVersion;
  brandLog(call, '\n  Updating non-global zone: Zone updated.');
  if (extended.includes('destroy-orphan-zbes')) {
    // documented: "destroys all zone boot environments that are not associated with any global zone".
    for (const z of listZbes(host, zpds)) if (z.dataset !== active && !gz.names.has(z.parent)) destroyTree(host, z.dataset.name);
  }
  brandLog(call, '                    Result: Attach Succeeded.');
  zone.state = 'installed';
  return 0;
}

/** A brand `fatal` during option processing, while EXIT_CODE is ZONE_SUBPROC_USAGE. */
function brandUsageFatal(call: ZoneadmCall, brand: string, message: string): number {
  brandError(call, message);
  subUsage(call, brand);
  return 1;
}

/**
 * The ipkg/lipkg/sparse attach (omniosorg/pkg5 src/brand/ipkg/attach; sparse adds overlay
 * datasets, not modelled): no ZBE discovery. The dataset mounted at <zonepath>/root becomes the
 * active one and gets parentbe=<current GZBE> and active=on; other ZBEs are left alone.
 */
async function attachIpkg(call: ZoneadmCall, zone: Zone, brand: string, zonepath: string): Promise<number> {
  const { host } = call.inv;
  const o = brandOpts(call, brand);
  if (!o) return 1;
  if (has(o, 'a') || has(o, 'd') || has(o, 'r')) {
    // Installing from an archive, a directory or a zfs stream is not modelled.
    brandError(call, `attach ${has(o, 'a') ? '-a' : has(o, 'd') ? '-d' : '-r'} is not supported by the simulator`);
    return 1;
  }
  if (has(o, 'n')) {
    // As for the solaris brand: zoneadm missed the -n, the brand exits 0 early (inferred).
    zone.state = 'installed';
    return 0;
  }
  const suffix = Math.random().toString(36).slice(2, 8).padEnd(6, 'a');
  brandLog(call, `Log File: /var/tmp/${zone.name}.attach_log.${suffix}`);
  // get_zonepath_ds (illumos shared common.ksh): a dataset whose mountpoint property is the path.
  const byMountpoint = (path: string): Dataset | undefined =>
    host.zfs.all().find((d) => d.type === 'filesystem' && host.mountpointOf(d) === path);
  const noDs = 'the zonepath must be a ZFS dataset.\nThe parent directory of the zonepath must be a ZFS dataset so that the\nzonepath ZFS dataset can be created properly.';
  if (!byMountpoint(dirname(zonepath))) {
    brandError(call, noDs);
    return attachFailed(call);
  }
  const zoneRoot = `${zonepath}/root`;
  const activeDs = host.zonepathDataset(zoneRoot);
  if (!activeDs) {
    brandError(call, `Failed to locate any dataset mounted at ${zoneRoot}.  Attach requires a mounted dataset.`);
    return attachFailed(call);
  }
  // trap_exit puts the dataset back as detach left it: zoned=off, canmount=on, mountpoint=<zoneroot>.
  const restore = (): number => {
    setLocalProp(activeDs, 'zoned', 'off');
    setLocalProp(activeDs, 'canmount', 'on');
    setLocalProp(activeDs, 'mountpoint', zoneRoot);
    activeDs.mounted = true;
    return attachFailed(call);
  };
  const zpds = byMountpoint(zonepath);
  if (!zpds) {
    brandError(call, noDs);
    return restore();
  }
  const rootDs = host.zfs.get(`${zpds.name}/ROOT`);
  if (!rootDs) {
    brandError(call, 'no active dataset.');
    return restore();
  }
  setLocalProp(rootDs, 'zoned', 'off');
  setLocalProp(rootDs, 'mountpoint', 'legacy');
  setLocalProp(rootDs, 'zoned', 'on');
  const current = host.activeBeUuid();
  if (current === '') {
    brandError(call, 'unable to determine global zone boot environment.');
    return restore();
  }
  setLocalProp(activeDs, PARENT_BE_PROP, current);
  setLocalProp(activeDs, ZBE_ACTIVE_PROP, 'on');
  setLocalProp(activeDs, 'canmount', 'noauto');
  setLocalProp(activeDs, 'zoned', 'off');
  inheritProp(activeDs, 'mountpoint', false);
  inheritProp(activeDs, 'zoned', false);
  // `mount -F zfs $ACTIVE_DS $ZONEROOT`: a legacy mount on the zone root.
  activeDs.mounted = true;
  brandLog(call, `               Attach Path: ${zoneRoot}`);
  brandLog(call, `        Attach ZFS Dataset: ${activeDs.name}\n`);
  // install_image with existing data (the message is the ipkg attach's no_installing).
  brandLog(call, '                Installing: Using pre-existing data in zonepath');
  await host.sleep(host.timings.attachMs);
  const zoneVersion = activeDs.imageVersion ?? host.pkgVersion;
  brandLog(call, `       Global zone version: entire@${host.pkgVersion}`);
  brandLog(call, `   Non-Global zone version: entire@${zoneVersion}`);
  brandLog(call, '                     Cache: Using /var/pkg/publisher.');
  brandLog(call, '  Updating non-global zone: Output follows');
  const cmp = compareVersions(zoneVersion, host.pkgVersion);
  if (!has(o, 'u')) {
    // `pkg install -n` exits 4 (nothing to do) only when the zone already matches.
    if (cmp !== 0) {
      brandLog(call, `\n                Evaluation: Packages in zone ${zone.name} are out of sync with the global zone. To proceed, retry with the -u flag.`);
      return restore();
    }
    brandLog(call, 'No updates necessary for this image.'); // pkg's own output: inferred
    brandLog(call, '\n                    Result: Attach Succeeded.');
    zone.state = 'installed';
    return 0;
  }
  if (cmp > 0) {
    brandError(call, 'Could not update attaching zone');
    return restore();
  }
  activeDs.imageVersion = host.pkgVersion;
  brandLog(call, '\n  Updating non-global zone: Zone updated.');
  brandLog(call, '                    Result: Attach Succeeded.');
  zone.state = 'installed';
  return 0;
}
