import type { Dialect } from '../../hosts/host';
import { GLOBAL_PROPS, type GlobalProp } from './zoneConfigSchema';

/** Solaris 11.0 zonecfg.c export_func writes neither autoshutdown nor tenant: later additions. */
const GLOBAL_PROPS_11_0 = GLOBAL_PROPS.filter((p) => p !== 'autoshutdown' && p !== 'tenant');

/** illumos zonecfg.c export_func: no file-mac-profile, autoshutdown or tenant (Solaris 11 additions). */
const GLOBAL_PROPS_ILLUMOS = GLOBAL_PROPS_11_0.filter((p) => p !== 'file-mac-profile');

export type ReleaseName = '11.0' | '11.3' | '11.4' | 'omnios' | 'zfs-fuse';

/**
 * What differs between the operating system releases the simulator plays. Every flag names its
 * evidence (docs/fidelity.md has the full rows); "inferred" where no public source says.
 */
export interface SimRelease {
  name: ReleaseName;
  dialect: Dialect;
  /** `uname -v`. */
  version: string;
  zfs: {
    /** The `written` property (illumos 1645, 2011; not in Oracle's 11.2 property list). */
    written: boolean;
    /** `zfs list -p` (illumos 2583, 2013). */
    listParsable: boolean;
    /** `zfs receive -o prop=value`. */
    receiveSetProps: boolean;
    /**
     * OpenSolaris-era receive (zfs-fuse): the incremental source must be the latest snapshot, checked
     * before the new snapshot's name, so an existing snapshot is refused rather than skipped.
     */
    receiveSourceBeforeName: boolean;
    /** OpenSolaris's send (zfs-fuse): no -b/-c, Solaris-style -v lines and only for a package. */
    opensolarisSend: boolean;
    /** `zfs get -t type`. */
    getTypes: boolean;
    /** OpenSolaris-era destroy (zfs-fuse): a missing `fs@snap` is "cannot open", not "could not find any snapshots". */
    destroyOpensSnapshot: boolean;
  };
  zones: {
    brands: string[];
    /** Where zone boot environments live under the zonepath dataset. */
    zbeRoot: 'rpool/ROOT' | 'ROOT';
    /** `zoneadm attach -x deny-zbe-clone|force-zbe-clone|attach-last-booted-zbe|destroy-orphan-zbes`. */
    zbeExtendedOptions: boolean;
    /** The global properties zonecfg knows; any other `set` is a syntax error. */
    globalProps: readonly GlobalProp[];
  };
}

export const RELEASES: Record<ReleaseName, SimRelease> = {
  '11.0': {
    name: '11.0',
    dialect: 'solaris11',
    version: '11.0',
    // written: absent (Solaris 11.0 zfs_prop.c registers no `written`). list -p: absent (Solaris 11.0
    // zfs_main.c HELP_LIST has no -p). receive -o: source (Solaris 11.0 zfs_main.c zfs_do_receive).
    zfs: {
      written: false,
      listParsable: false,
      receiveSetProps: true,
      receiveSourceBeforeName: false,
      destroyOpensSnapshot: false,
      getTypes: true,
      opensolarisSend: false,
    },
    // -x options: source (11.0 solaris brand attach.ksh getopts "a:c:d:n:Uuvz:" has none).
    zones: {
      brands: ['solaris', 'solaris10'],
      zbeRoot: 'rpool/ROOT',
      zbeExtendedOptions: false,
      globalProps: GLOBAL_PROPS_11_0,
    },
  },
  '11.3': {
    name: '11.3',
    dialect: 'solaris11',
    version: '11.3',
    // written: inferred absent, as for 11.2. list -p: inferred present.
    zfs: {
      written: false,
      listParsable: true,
      receiveSetProps: true,
      receiveSourceBeforeName: false,
      destroyOpensSnapshot: false,
      getTypes: true,
      opensolarisSend: false,
    },
    // -x options: documented (Oracle 11.3 "About Orphaned Zone Boot Environments"). Global
    // properties: autoshutdown documented from 11.2 on; tenant inferred present. solaris-kz:
    // documented (Kernel Zones exist since 11.2: "Creating and Using Oracle Solaris Kernel Zones", 11.2).
    zones: {
      brands: ['solaris', 'solaris10', 'solaris-kz'],
      zbeRoot: 'rpool/ROOT',
      zbeExtendedOptions: true,
      globalProps: GLOBAL_PROPS,
    },
  },
  '11.4': {
    name: '11.4',
    dialect: 'solaris11',
    version: '11.4.42.111.0',
    // written: inferred absent (no Oracle document lists it). list -p: inferred present.
    zfs: {
      written: false,
      listParsable: true,
      receiveSetProps: true,
      receiveSourceBeforeName: false,
      destroyOpensSnapshot: false,
      getTypes: true,
      opensolarisSend: false,
    },
    // -x options: documented (Oracle 11.4 "-x deny-zbe-clone Option"). solaris-kz: documented.
    zones: {
      brands: ['solaris', 'solaris10', 'solaris-kz'],
      zbeRoot: 'rpool/ROOT',
      zbeExtendedOptions: true,
      globalProps: GLOBAL_PROPS,
    },
  },
  omnios: {
    name: 'omnios',
    dialect: 'illumos',
    version: 'omnios-r151046-c1e2e0b5b0',
    // written, list -p, receive -o: source (illumos zfs_main.c, zfs.8 of 2023).
    zfs: {
      written: true,
      listParsable: true,
      receiveSetProps: true,
      receiveSourceBeforeName: false,
      destroyOpensSnapshot: false,
      getTypes: true,
      opensolarisSend: false,
    },
    // Brands: source (omniosorg/pkg5 src/brand: ipkg, lipkg, sparse); ZBEs under <zonepath ds>/ROOT.
    zones: {
      brands: ['ipkg', 'lipkg', 'sparse'],
      zbeRoot: 'ROOT',
      zbeExtendedOptions: false,
      globalProps: GLOBAL_PROPS_ILLUMOS,
    },
  },
  // Debian's zfs-fuse 0.7 (pool version 23), which the real-component lab (test/realLab) runs: the
  // simulator plays it to be checked against real ZFS. OpenSolaris's zfs command: send -R but no -r
  // (hence the illumos dialect); no written, list -p or receive -o; re-received snapshots refused and
  // missing snapshots "cannot open" (all observed on zfs-fuse 0.7, test/realLab). No zones.
  'zfs-fuse': {
    name: 'zfs-fuse',
    dialect: 'illumos',
    version: 'zfs-fuse-0.7.0',
    zfs: {
      written: false,
      listParsable: false,
      receiveSetProps: false,
      receiveSourceBeforeName: true,
      destroyOpensSnapshot: true,
      getTypes: false,
      opensolarisSend: true,
    },
    zones: { brands: [], zbeRoot: 'ROOT', zbeExtendedOptions: false, globalProps: GLOBAL_PROPS_ILLUMOS },
  },
};

/** The release a lab host plays when only its dialect is given. */
export function defaultRelease(dialect: Dialect): ReleaseName {
  return dialect === 'illumos' ? 'omnios' : '11.4';
}
