import { PARENT_BE_PROP, ZBE_ACTIVE_PROP } from '../../model/bootEnvironment';
import { IPKG_BRANDS, SPARSE_OVERLAYS } from '../../model/ipkgBrands';
import { destroyTree, ownZbes, zbeContainer } from '../../model/zoneBootEnvironments';
import { propertyOf, setLocalProp } from '../../model/zfsProps';
import type { Zone } from '../../model/zoneTypes';
import { zoneXml } from './attachManifest';
import { KZ_BRAND } from '../../model/kernelZone';
import { kzDetach } from './zoneadmKernelZone';
import { getopt, has } from '../getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { brandError, logPath, out, requireInstalledNotRunning, zerror } from './zoneadmContext';

/**
 * `detach [-F | -n]` (Solaris 11.0 zoneadm.c detach_func). `-n` skips sanity_check and runs the
 * brand's detach in no-execute mode, which is `cat /etc/zones/$ZONENAME.xml` in both the solaris
 * brand (solaris/zone/detach.ksh) and ipkg (omniosorg/pkg5 src/brand/ipkg/detach): it works in
 * any state. `-F` only sets the state to configured, without the brand.
 */
export async function detach(call: ZoneadmCall, zone: Zone): Promise<number> {
  const o = getopt(call.args, 'Fn');
  if ('badOption' in o || o.operands.length > 0) {
    zerror(call, 'usage: detach [-n]');
    return 2;
  }
  const host = call.inv.host;
  if (has(o, 'F')) {
    if (has(o, 'n')) {
      zerror(call, '-F option is incompatible with -n and -? options');
      return 1;
    }
    if (!requireInstalledNotRunning(call, zone, 'detach')) return 1;
    zone.state = 'configured';
    // No brand hook runs: a Kernel Zone's host data stays as it was; only the visible state goes.
    delete zone.auxState;
    return 0;
  }
  if (has(o, 'n')) {
    out(call, zoneXml(zone, host.release));
    return 0;
  }
  if (!requireInstalledNotRunning(call, zone, 'detach')) return 1;
  const brand = zone.config.props.brand ?? host.brands[0] ?? '';
  if (IPKG_BRANDS.includes(brand) && !detachIpkg(call, zone, brand)) return 1;
  if (brand === KZ_BRAND) kzDetach(call, zone);
  await host.sleep(host.timings.detachMs);
  zone.state = 'configured';
  return 0;
}

/**
 * omniosorg/pkg5 src/brand/ipkg/detach: the active ZBE (get_active_ds: exactly one child of
 * <zpds>/ROOT with parentbe = current GZBE and active=on) is left mounted on <zonepath>/root
 * (zoned=off, canmount=on, mountpoint=<zonepath>/root) "for ease of migration". sparse
 * (src/brand/sparse/detach) also gives each overlay canmount=on and its place in the zone root.
 */
function detachIpkg(call: ZoneadmCall, zone: Zone, brand: string): boolean {
  const { host } = call.inv;
  const zonepath = zone.config.props.zonepath ?? '';
  const current = host.activeBeUuid();
  if (current === '') {
    brandError(call, 'unable to determine global zone boot environment.');
    return false;
  }
  const zpds = host.zfs.all().find((d) => d.type === 'filesystem' && host.mountpointOf(d) === zonepath);
  if (!zpds) {
    brandError(
      call,
      'the zonepath must be a ZFS dataset.\nThe parent directory of the zonepath must be a ZFS dataset so that the\nzonepath ZFS dataset can be created properly.',
    );
    return false;
  }
  const root = zbeContainer(host, zpds);
  const active = host.zfs
    .descendants(root)
    .filter((d) => d.type === 'filesystem' && /^[^/]+$/.test(d.name.slice(root.length + 1)))
    .filter(
      (d) =>
        propertyOf(host.zfs, d, PARENT_BE_PROP).value === current &&
        propertyOf(host.zfs, d, ZBE_ACTIVE_PROP).value === 'on',
    );
  const [only] = active;
  if (active.length > 1 || !only) {
    brandError(call, active.length > 1 ? 'multiple active datasets.' : 'no active dataset.');
    return false;
  }
  const overlays =
    brand === 'sparse' ? SPARSE_OVERLAYS.map((o) => ({ ...o, ds: host.zfs.get(`${only.name}/${o.dataset}`) })) : [];
  if (overlays.some((o) => !o.ds)) {
    // mount_overlays, before any `zfs set`: `mount -F zfs -O` of a missing overlay fails.
    brandError(call, "Unable to mount the zone's ZFS dataset.");
    return false;
  }
  setLocalProp(only, 'zoned', 'off');
  setLocalProp(only, 'canmount', 'on');
  setLocalProp(only, 'mountpoint', `${zonepath}/root`);
  only.mounted = true;
  for (const { ds, mountpoint } of overlays) {
    if (!ds) continue;
    setLocalProp(ds, 'canmount', 'on');
    setLocalProp(ds, 'mountpoint', `${zonepath}/root/${mountpoint}`);
    ds.mounted = true;
  }
  return true;
}

/**
 * `uninstall -F`: destroys the ZBEs that belong to this host's active global-zone BE; orphan ZBEs
 * stay. The zonepath dataset goes only when no ZBE is left under it.
 */
export async function uninstall(call: ZoneadmCall, zone: Zone): Promise<number> {
  const o = getopt(call.args, 'Fh');
  if ('badOption' in o || o.operands.length > 0) {
    zerror(call, 'usage: uninstall [-F] [-h]');
    return 2;
  }
  if (zone.state === 'configured') {
    zerror(call, "is already in state 'configured'.");
    return 1;
  }
  if (zone.state !== 'incomplete' && !requireInstalledNotRunning(call, zone, 'uninstall')) return 1;
  if (!has(o, 'F')) {
    // uninstall_func: ask_yesno() returns -1 without a terminal (Solaris 11.0 zoneadm.c).
    zerror(call, 'Input not from terminal and -F not specified: uninstall not done.');
    return 1;
  }
  const host = call.inv.host;
  out(call, `Progress being logged to ${logPath(zone.name, 'uninstall')}\n`);
  const zpds = host.zonepathDataset(zone.config.props.zonepath ?? '');
  if (zpds) {
    for (const zbe of ownZbes(host, zpds)) destroyTree(host, zbe.name);
    if (host.zfs.children(zbeContainer(host, zpds)).length === 0) destroyTree(host, zpds.name);
  }
  zone.state = 'configured';
  return 0;
}
