import type { Dataset } from '../../model/zfsTypes';
import { IPKG_BRANDS } from '../../model/ipkgBrands';
import { destroyTree } from '../../model/zoneBootEnvironments';
import { getopt, type Options } from '../getopt';
import type { ZoneadmCall } from './zoneadmContext';
import { brandError, brandLog } from './zoneadmContext';

/** Solaris 11.0 zoneadm.c SHELP_ATTACH and long_help(CMD_ATTACH) (ADD_BRAND fills in the brand). */
export function subUsage(call: ZoneadmCall, brand: string): void {
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
export const IPKG_BRAND_USAGE =
  'attach [-a archive] [-d dataset] [-n] [-r zfs-recv] [-u]\n' +
  '\tThe -a archive option specifies a tar file or cpio archive.\n' +
  '\tThe -d dataset option specifies an existing dataset.\n' +
  "\tThe -r zfs-recv option receives the output of a 'zfs send' command\n\tof an existing zone root dataset.\n" +
  '\tThe -u option indicates that the software should be updated to match\n\tthe current host.';

/**
 * A brand script exiting ZONE_SUBPROC_USAGE: its fail_usage() (Solaris 11.0 shared/zone/common.ksh:
 * the message, a newline, "brand-specific usage: " and m_usage, on stderr), then zoneadm's sub_usage()
 * (attach_func, status == ZONE_SUBPROC_USAGE). zoneadm exits 1.
 */
export function brandUsage(call: ZoneadmCall, brand: string, message = ''): number {
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

/** The brand's getopts over the same arguments; undefined after printing the usage. */
export function brandOpts(call: ZoneadmCall, brand: string): Options | undefined {
  const o = getopt(call.args, brandSpec(call, brand));
  if ('badOption' in o) {
    brandUsage(call, brand);
    return undefined;
  }
  return o;
}

/**
 * get_current_gzbe (Solaris 11.0 solaris/zone/common.ksh): the uuid of the `N` BE in `beadm list
 * -H`; none is `fatal "unable to determine global zone boot environment."`. It runs while EXIT_CODE
 * is still ZONE_SUBPROC_USAGE, so zoneadm follows with its usage text (attach_func).
 */
export function checkGzbe(call: ZoneadmCall, brand: string): boolean {
  if (call.inv.host.activeBeUuid() !== '') return true;
  brandError(call, 'unable to determine global zone boot environment.');
  subUsage(call, brand);
  return false;
}

/** A brand `fatal` during option processing, while EXIT_CODE is ZONE_SUBPROC_USAGE. */
export function brandUsageFatal(call: ZoneadmCall, brand: string, message: string): number {
  brandError(call, message);
  subUsage(call, brand);
  return 1;
}

/** The brand's trap_exit on failure: log "Result: Attach Failed." (after delete_unpinned_datasets). */
export function attachFailed(call: ZoneadmCall, created: Dataset[] = []): number {
  for (const d of created) destroyTree(call.inv.host, d.name);
  brandLog(call, '                    Result: Attach Failed.');
  return 1;
}
