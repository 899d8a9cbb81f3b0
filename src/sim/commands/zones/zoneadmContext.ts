import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import type { Zone } from '../../model/zoneTypes';
import { STATE_RANK } from '../../model/zoneTypes';

/** A zoneadm subcommand's view: the -z zone (if any), its arguments, and zoneadm's error style. */
export interface ZoneadmCall {
  inv: Invocation;
  zoneName: string | undefined;
  zone: Zone | undefined;
  args: string[];
}

/** zerror(): `zoneadm: zone 'z': msg` with -z, else `zoneadm: msg`. */
export function zerror(call: ZoneadmCall, message: string): void {
  const prefix = call.zoneName === undefined ? 'zoneadm: ' : `zoneadm: zone '${call.zoneName}': `;
  print(call.inv.io.stderr, `${prefix}${message}\n`);
}

export function out(call: ZoneadmCall, text: string): void {
  print(call.inv.io.stdout, text);
}

/**
 * A line from a brand script. The scripts' log() and error() print to stdout (Solaris 11.0
 * shared/zone/common.ksh: `printf -- "${MSG_PREFIX}${fmt}\n"`, error() the same with `ERROR: `; the
 * illumos shared common.ksh alike), and zoneadm's do_subproc lets the hook inherit its stdout.
 */
export function brandLog(call: ZoneadmCall, line: string): void {
  print(call.inv.io.stdout, `${line}\n`);
}

/** The brand scripts' error(): `ERROR: <msg>` on stdout. */
export function brandError(call: ZoneadmCall, message: string): void {
  brandLog(call, `ERROR: ${message}`);
}

/**
 * zoneadm's sanity_check for commands that change an installed zone: refuses running zones
 * (`<cmd> operation is invalid for running zones.`) and zones not yet installed.
 * Returns false after printing the error.
 */
export function requireInstalledNotRunning(call: ZoneadmCall, zone: Zone, cmd: string): boolean {
  if (STATE_RANK[zone.state] >= STATE_RANK.ready) {
    zerror(call, `${cmd} operation is invalid for ${zone.state} zones.`);
    return false;
  }
  if (zone.state === 'incomplete') {
    zerror(call, 'zone is incomplete; uninstall required.');
    return false;
  }
  if (zone.state === 'configured') {
    zerror(call, `must be installed before ${cmd}.`);
    return false;
  }
  return true;
}

/** Timestamp used in `/var/log/zones/zoneadm.<ts>.<zone>.<cmd>` log names. */
export function logPath(zone: string, cmd: string): string {
  const ts = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `/var/log/zones/zoneadm.${ts}.${zone}.${cmd}`;
}

/** The brand scripts' right-aligned `Label: text` progress lines. */
export function progressLine(label: string, text: string): string {
  return `${`${label}:`.padStart(27)} ${text}\n`;
}
