import { posix } from 'node:path';
import { PARENT_BE_PROP, ZBE_ACTIVE_PROP } from '../../model/bootEnvironment';
import { SPARSE_OVERLAYS } from '../../model/ipkgBrands';
import { inheritProp, setLocalProp } from '../../model/zfsProps';
import type { Dataset } from '../../model/zfsTypes';
import type { Zone } from '../../model/zoneTypes';
import { compareVersions } from './attachManifest';
import { attachFailed, brandOpts } from './attachBrandCommon';
import { has } from '../getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { brandError, brandLog } from './zoneadmContext';

/**
 * The ipkg/lipkg/sparse attach (omniosorg/pkg5 src/brand/ipkg/attach and src/brand/sparse/attach):
 * no ZBE discovery. The dataset mounted at <zonepath>/root becomes the active one and gets
 * parentbe=<current GZBE> and active=on; other ZBEs are left alone. sparse also needs its overlay
 * datasets under the active one, and mounts them in the zone root.
 */
export async function attachIpkg(call: ZoneadmCall, zone: Zone, brand: string, zonepath: string): Promise<number> {
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
  const noDs =
    'the zonepath must be a ZFS dataset.\nThe parent directory of the zonepath must be a ZFS dataset so that the\nzonepath ZFS dataset can be created properly.';
  if (!byMountpoint(posix.dirname(zonepath))) {
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
  const overlays = brand === 'sparse' ? sparseOverlays(call, activeDs) : [];
  if (!overlays) return restore();
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
  // `mount -F zfs $ACTIVE_DS $ZONEROOT` (and sparse's mount_overlays: `mount -F zfs -O`).
  activeDs.mounted = true;
  for (const overlay of overlays) overlay.mounted = true;
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
      brandLog(
        call,
        `\n                Evaluation: Packages in zone ${zone.name} are out of sync with the global zone. To proceed, retry with the -u flag.`,
      );
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

/**
 * sparse attach: each overlay must exist under the active dataset (`fatal "$f_no_active_ds ($mp)"`)
 * and becomes canmount=noauto with its mountpoint inherited (legacy, from ROOT), for
 * mount_overlays. Undefined after printing the failure.
 */
function sparseOverlays(call: ZoneadmCall, activeDs: Dataset): Dataset[] | undefined {
  const found: Dataset[] = [];
  for (const { dataset, mountpoint } of SPARSE_OVERLAYS) {
    const overlay = call.inv.host.zfs.get(`${activeDs.name}/${dataset}`);
    if (!overlay || overlay.type !== 'filesystem') {
      brandError(call, `no active dataset. (${mountpoint})`);
      return undefined;
    }
    setLocalProp(overlay, 'canmount', 'noauto');
    inheritProp(overlay, 'mountpoint', false);
    found.push(overlay);
  }
  return found;
}
