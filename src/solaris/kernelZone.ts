import { storageUriArg } from './commandArgs';
import { outputLines } from './outputLines';
import { ParseError } from './parseError';
import { parseSize } from './units';
import type { ZoneConfig } from './zonecfg';

/** The brand of Kernel Zones (solaris-kz(7)). */
export const KERNEL_ZONE_BRAND = 'solaris-kz';

/**
 * `zoneadm list -cs`: every configured zone with its auxiliary states ("Kernel Zone Auxiliary
 * States Viewed From the Global Zone": a suspended KZ is `installed` with auxiliary state
 * `suspended`, visible once attached).
 */
export function zoneadmListAuxiliary(): readonly string[] {
  return ['zoneadm', 'list', '-cs'];
}

export interface ZoneAuxiliaryEntry {
  name: string;
  state: string;
  /** `suspended`, `debugging`, `panicked`, `migrating-in`, `migrating-out`, `no-config`. */
  auxiliary: string[];
}

/**
 * Parses `zoneadm list -s`: a `NAME STATUS AUXILIARY STATE` header, then a name, a status and any
 * auxiliary states per line. The columns are ragged in Oracle's own examples: split on whitespace.
 */
export function parseZoneadmListAuxiliary(stdout: string): ZoneAuxiliaryEntry[] {
  return outputLines(stdout)
    .filter((line) => !/^\s*NAME\s+STATUS\b/.test(line))
    .map((line) => {
      const [name, state, ...rest] = line.trim().split(/[\s,]+/);
      if (name === undefined || state === undefined)
        throw new ParseError('zoneadm list -s', line, 'expected a name and a status');
      return { name, state, auxiliary: rest.filter((a) => a !== '' && a !== '-') };
    });
}

/** A storage URI's scheme (suri(7)): iSCSI and FC LUs and NFS files are reachable from several hosts, `dev:` and `file:` are the host's own. */
export function isSharedStorageUri(uri: string): boolean {
  return /^(iscsi|lu|nfs):/i.test(uri);
}

/** `suriadm lookup-mapping URI`: prints the device a storage URI maps to on this host, or fails when it cannot see it (suriadm(8)). */
export function suriadmLookupMapping(uri: string): readonly string[] {
  return ['suriadm', 'lookup-mapping', storageUriArg(uri)];
}

export interface KernelZoneDevice {
  id: string;
  storage?: string;
  match?: string;
  bootpri?: string;
}

/** The `device` resources of a Kernel Zone config (`zonecfg info` or export). */
export function kernelZoneDevices(config: ZoneConfig): KernelZoneDevice[] {
  return config.resources
    .filter((r) => r.type === 'device')
    .map((r) => ({
      id: r.props['id'] ?? '',
      ...(r.props['storage'] !== undefined && { storage: r.props['storage'] }),
      ...(r.props['match'] !== undefined && { match: r.props['match'] }),
      ...(r.props['bootpri'] !== undefined && { bootpri: r.props['bootpri'] }),
    }));
}

/** Where a Kernel Zone writes its suspend image: a file path or a storage URI (solaris-kz(7): exactly one of them). */
export type SuspendResource = { path: string } | { storage: string };

export function suspendResource(config: ZoneConfig): SuspendResource | undefined {
  const r = config.resources.find((res) => res.type === 'suspend');
  if (!r) return undefined;
  if (r.props['path']) return { path: r.props['path'] };
  if (r.props['storage']) return { storage: r.props['storage'] };
  return undefined;
}

/** `capped-memory physical` in bytes (a KZ's RAM). */
export function kernelZoneMemoryBytes(config: ZoneConfig): number | undefined {
  const physical = config.resources.find((r) => r.type === 'capped-memory')?.props['physical'];
  return physical === undefined ? undefined : parseSize(physical);
}

/** `virtual-cpu ncpus`, else `dedicated-cpu ncpus` (a range `2-4` needs its lower bound to boot). */
export function kernelZoneVirtualCpus(config: ZoneConfig): number | undefined {
  const ncpus =
    config.resources.find((r) => r.type === 'virtual-cpu')?.props['ncpus'] ??
    config.resources.find((r) => r.type === 'dedicated-cpu')?.props['ncpus'];
  if (ncpus === undefined) return undefined;
  const n = Number(ncpus.split('-')[0]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
