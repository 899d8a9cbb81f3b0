import { beArg, extendedOptionArg, zoneArg } from './commandArgs';
import { outputLines } from './outputLines';
import { ParseError } from './parseError';
import { splitParsable } from './parsableFields';

export type ZoneState =
  | 'configured'
  | 'incomplete'
  | 'installed'
  | 'ready'
  | 'mounted'
  | 'running'
  | 'shutting_down'
  | 'down'
  | 'unavailable';

const zoneStates: readonly ZoneState[] = [
  'configured',
  'incomplete',
  'installed',
  'ready',
  'mounted',
  'running',
  'shutting_down',
  'down',
  'unavailable',
];

export interface ZoneListEntry {
  /** null when the zone is not running (`-` in the output). */
  id: number | null;
  name: string;
  state: ZoneState;
  zonepath: string;
  uuid: string;
  brand: string;
  ipType: 'shared' | 'excl';
}

/** `running` lists running zones, `installed` installed and above, `configured` every zone. */
export function zoneadmList(opts: { zone?: string; scope: 'running' | 'installed' | 'configured' }): readonly string[] {
  if (opts.zone !== undefined) return ['zoneadm', '-z', zoneArg(opts.zone), 'list', '-p'];
  const flag = { running: '-p', installed: '-ip', configured: '-cp' }[opts.scope];
  return ['zoneadm', 'list', flag];
}

/**
 * Parses `zoneadm list -p`: 7 fields on illumos, 9 on Solaris 11.0, 9 plus a trailing `:`
 * on 11.3/11.4. Only the first seven are used; they mean the same everywhere.
 */
export function parseZoneadmList(stdout: string): ZoneListEntry[] {
  return outputLines(stdout).map(parseZoneadmListLine);
}

function parseZoneadmListLine(line: string): ZoneListEntry {
  const fail = (reason: string) => new ParseError('zoneadm list -p', line, reason);
  const fields = splitParsable(line);
  const [id, name, state, zonepath, uuid, brand, ipType] = fields;
  if (
    id === undefined ||
    name === undefined ||
    state === undefined ||
    zonepath === undefined ||
    uuid === undefined ||
    brand === undefined ||
    ipType === undefined
  ) {
    throw fail(`expected at least 7 ':'-separated fields, got ${fields.length}`);
  }
  if (id !== '-' && !/^\d+$/.test(id)) throw fail(`zone id "${id}" is neither a number nor "-"`);
  if (name === '') throw fail('empty zone name');
  if (!isZoneState(state)) throw fail(`unknown zone state "${state}"`);
  if (ipType !== 'shared' && ipType !== 'excl') throw fail(`unknown ip-type "${ipType}"`);
  return { id: id === '-' ? null : Number(id), name, state, zonepath, uuid, brand, ipType };
}

function isZoneState(value: string): value is ZoneState {
  return (zoneStates as readonly string[]).includes(value);
}

export function zoneadmDetach(zone: string, opts: { dryRun?: boolean } = {}): readonly string[] {
  return ['zoneadm', '-z', zoneArg(zone), 'detach', ...(opts.dryRun ? ['-n'] : [])];
}

/** `zbe` names the zone boot environment to attach (`attach -z zbe`), so the brand never has to guess. */
export function zoneadmAttach(
  zone: string,
  opts: { update?: boolean; zbe?: string; extended?: string[] } = {},
): readonly string[] {
  return [
    'zoneadm',
    '-z',
    zoneArg(zone),
    'attach',
    ...(opts.update ? ['-u'] : []),
    ...(opts.zbe === undefined ? [] : ['-z', beArg(opts.zbe)]),
    ...(opts.extended ?? []).flatMap((option) => ['-x', extendedOptionArg(option)]),
  ];
}

/**
 * The dry run, fed with the source's `detach -n` manifest on stdin. Without `-z`: zoneadm's main()
 * resolves `-z Z` for every subcommand and fails "No such zone configured" on a host where Z is not
 * configured yet, while `attach -n` itself needs no configured zone (zoneadm.c attach_func; zoneadm(8)).
 */
export function zoneadmAttachDryRun(): readonly string[] {
  return ['zoneadm', 'attach', '-n', '-'];
}

export function zoneadmBoot(zone: string, bootArgs: string[] = []): readonly string[] {
  return ['zoneadm', '-z', zoneArg(zone), 'boot', ...(bootArgs.length > 0 ? ['--', ...bootArgs] : [])];
}

export function zoneadmHalt(zone: string): readonly string[] {
  return ['zoneadm', '-z', zoneArg(zone), 'halt'];
}

export function zoneadmShutdown(zone: string): readonly string[] {
  return ['zoneadm', '-z', zoneArg(zone), 'shutdown'];
}

/** `-F` because without a tty zoneadm refuses to ask "Are you sure". */
export function zoneadmUninstall(zone: string): readonly string[] {
  return ['zoneadm', '-z', zoneArg(zone), 'uninstall', '-F'];
}

export function zoneadmSuspend(zone: string): readonly string[] {
  return ['zoneadm', '-z', zoneArg(zone), 'suspend'];
}

export interface AttachOutcome {
  /** From the solaris-brand `Result:` line; `failed` also when kernel-zone `error:` lines appear. */
  result: 'succeeded' | 'failed' | 'unknown';
  /** Packages are out of sync with the global zone: retry with `-u`. */
  needsUpdate: boolean;
  /** Kernel-zone host data or key cannot be used here: `-x initialize-hostdata` would fix it. */
  hostDataMismatch: boolean;
  /** No boot device's host data could be read: this host does not see the storage, a key is beside the point. */
  hostDataUnreadable: boolean;
  /** Kernel-zone storage is claimed by another host: `-x force-takeover` would take it. */
  inUseByOtherHost: boolean;
  /** The zone BE attach cloned instead of using in place ("Using clone of zone boot environment 'X'", 11.3+). */
  clonedZbe?: string;
}

/** Reads `zoneadm attach` stdout+stderr (also `attach -n`). */
export function parseAttachOutput(output: string): AttachOutcome {
  const needsUpdate = /out of sync with the global zone|retry with the -u flag/i.test(output);
  // "Encryption key not available" is not Oracle's wording, but a write-up quotes it (docs/procedures.md#iscsilurollback).
  const hostDataMismatch = /Encryption key is incorrect|Encryption key not available/i.test(output);
  const hostDataUnreadable = /could not read host data from any boot device/i.test(output);
  const inUseByOtherHost = /is in use by host with\s+hostid/i.test(output);
  const failed = /Result:\s*Attach Failed/i.test(output) || /^zone '[^']*': error:/m.test(output);
  const succeeded = /Result:\s*Attach Succeeded/i.test(output);
  const result =
    failed || needsUpdate || hostDataMismatch || hostDataUnreadable || inUseByOtherHost
      ? 'failed'
      : succeeded
        ? 'succeeded'
        : 'unknown';
  const clonedZbe = /Using clone of zone boot environment '([^']+)'/.exec(output)?.[1];
  return {
    result,
    needsUpdate,
    hostDataMismatch,
    hostDataUnreadable,
    inUseByOtherHost,
    ...(clonedZbe !== undefined && { clonedZbe }),
  };
}

export type ZoneadmErrorKind =
  | 'no-such-zone'
  | 'busy'
  | 'invalid-state'
  | 'already-installed'
  | 'not-running'
  | 'other';

/** Classifies zoneadm's stderr from a failed command (the zerror texts of zoneadm.c, docs/solaris-commands.md#zoneadm-error-texts). */
export function classifyZoneadmError(stderr: string): ZoneadmErrorKind {
  if (/No such zone configured/i.test(stderr)) return 'no-such-zone';
  // Another zoneadm holds the zone's lock (zoneadm.c grab_lock_file): wait and ask again.
  if (/another zoneadm may have an operation in progress/i.test(stderr)) return 'busy';
  if (/is already installed\./i.test(stderr)) return 'already-installed';
  if (/: not running\s*$/im.test(stderr)) return 'not-running';
  if (
    /operation is invalid for \S+ zones|operation is invalid for zones in state|must be \S+ before \S+|is already in state '|zone is incomplete; uninstall required/i.test(
      stderr,
    )
  ) {
    return 'invalid-state';
  }
  return 'other';
}
