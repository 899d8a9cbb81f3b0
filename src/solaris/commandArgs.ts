import { InvalidArgumentError } from './parseError';
import { zoneNameSchema } from './names';

// The builders check what they put on a command line themselves: an activity may be called by any
// workflow in the namespace, and a name that is not one must never reach a host as an option or a
// second word.

/** A zone name for `-z`, `zlogin`: zonecfg(8)'s rules; anything else is refused. */
export function zoneArg(zone: string): string {
  const parsed = zoneNameSchema.safeParse(zone);
  if (!parsed.success)
    throw new InvalidArgumentError(
      `invalid zone name ${JSON.stringify(zone)}: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return zone;
}

/** A boot environment name (a dataset component): `attach -z <zbe>`. */
export function beArg(be: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}$/.test(be))
    throw new InvalidArgumentError(`invalid boot environment name ${JSON.stringify(be)}`);
  return be;
}

/** A zoneadm extended option, `name` or `name=value`: `-x force-takeover`. */
export function extendedOptionArg(option: string): string {
  if (!/^[a-z][a-z-]*(=[A-Za-z0-9_.:/@-]+)?$/.test(option))
    throw new InvalidArgumentError(`invalid zoneadm -x option ${JSON.stringify(option)}`);
  return option;
}

/** An SMF service FMRI: `svc:/milestone/multi-user:default`. */
export function fmriArg(fmri: string): string {
  if (!/^svc:\/[A-Za-z0-9_/:.-]+$/.test(fmri))
    throw new InvalidArgumentError(`invalid service FMRI ${JSON.stringify(fmri)}`);
  return fmri;
}

/** A storage URI (suri(7)): `iscsi://host/luname.naa.<id>`, `nfs://server/path`. No blanks or shell characters. */
export function storageUriArg(uri: string): string {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9_.,:/@=%+-]*$/.test(uri))
    throw new InvalidArgumentError(`invalid storage URI ${JSON.stringify(uri)}`);
  return uri;
}

/** An absolute path without blanks or shell characters: `df -k /mnt/suspend`. */
export function absolutePathArg(path: string): string {
  if (!/^\/[A-Za-z0-9_.,:/@=%+-]*$/.test(path)) throw new InvalidArgumentError(`invalid path ${JSON.stringify(path)}`);
  return path;
}

/** An STMF logical unit GUID: 32 hexadecimal digits (stmfadm(8)). */
export function guidArg(guid: string): string {
  if (!/^[0-9A-Fa-f]{32}$/.test(guid)) throw new InvalidArgumentError(`invalid LU GUID ${JSON.stringify(guid)}`);
  return guid.toUpperCase();
}

/** An STMF host or target group name: no blanks, no shell characters, no leading `-`. */
export function stmfGroupArg(group: string): string {
  if (!/^[A-Za-z0-9_.:][A-Za-z0-9_.:-]*$/.test(group))
    throw new InvalidArgumentError(`invalid STMF group name ${JSON.stringify(group)}`);
  return group;
}
