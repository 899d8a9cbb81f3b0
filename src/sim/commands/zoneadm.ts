import type { CommandHandler } from '../shell/invocation';
import { bootZone, haltZone, settled, shutdownZone } from '../model/zoneLifecycle';
import type { Zone } from '../model/zoneTypes';
import { getopt, last } from './getopt';
import { attach } from './zoneadmAttach';
import type { ZoneadmCall } from './zoneadmContext';
import { zerror } from './zoneadmContext';
import { print } from '../shell/io';
import { detach, uninstall } from './zoneadmDetach';
import { list } from './zoneadmList';

const USAGE = 'usage:\tzoneadm [-R root] [-z zonename] [-u uuid-match] subcommand [subcommand-options]\n';

/** The VNICs a zone's net resources name that this host lacks. */
function missingLinks(call: ZoneadmCall, zone: Zone): string[] {
  const links = new Set(call.inv.host.vnics.map((v) => v.link));
  return zone.config.resources
    .filter((r) => r.type === 'net' && r.props.physical !== undefined)
    .map((r) => r.props.physical ?? '')
    .filter((l) => !links.has(l));
}

async function boot(call: ZoneadmCall, zone: Zone): Promise<number> {
  await settled(call.inv.host, zone);
  if (zone.state === 'running') {
    zerror(call, 'zone is already booted');
    return 0;
  }
  if (zone.state === 'incomplete') {
    zerror(call, 'zone is incomplete; uninstall required.');
    return 1;
  }
  if (zone.state !== 'installed' && zone.state !== 'ready') {
    zerror(call, 'must be installed before boot.');
    return 1;
  }
  const missing = missingLinks(call, zone);
  if (missing.length > 0) {
    // [mem] zoneadmd's wording when a net resource's physical link does not exist.
    print(call.inv.io.stderr, `zone '${zone.name}': failed to get link id for ${missing[0]}: object not found\n`);
    zerror(call, 'call to zoneadmd failed');
    return 1;
  }
  await bootZone(call.inv.host, zone);
  return 0;
}

async function halt(call: ZoneadmCall, zone: Zone): Promise<number> {
  await settled(call.inv.host, zone);
  if (zone.state === 'installed') {
    zerror(call, 'zone is already halted');
    return 0;
  }
  if (zone.state === 'configured' || zone.state === 'incomplete' || zone.state === 'unavailable') {
    zerror(call, 'must be installed before halt.');
    return 1;
  }
  await haltZone(call.inv.host, zone);
  return 0;
}

async function shutdown(call: ZoneadmCall, zone: Zone, reboot: boolean): Promise<number> {
  await settled(call.inv.host, zone);
  if (zone.state !== 'running') {
    zerror(call, 'not running');
    return 1;
  }
  await shutdownZone(call.inv.host, zone);
  if (reboot) await bootZone(call.inv.host, zone);
  return 0;
}

const NEEDS_ZONE = new Set(['boot', 'halt', 'shutdown', 'reboot', 'detach', 'uninstall', 'attach']);

/** zoneadm(8): list, boot, halt, shutdown, reboot, detach, attach, uninstall. */
export const zoneadm: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'z:u:R:');
  const [sub, ...args] = 'badOption' in o ? [] : o.operands;
  if ('badOption' in o || sub === undefined) {
    inv.io.stderr.write(USAGE);
    return 2;
  }
  const zoneName = last(o, 'z');
  const zone = zoneName === undefined ? undefined : inv.host.zone(zoneName);
  const call: ZoneadmCall = { inv, zoneName, zone, args };
  if (zoneName === 'global' && sub !== 'list') {
    zerror(call, `${sub} operation is invalid for the global zone.`);
    return 1;
  }
  const dryRunAttach = sub === 'attach' && args.includes('-n');
  if (zoneName !== undefined && zoneName !== 'global' && !zone && !dryRunAttach) {
    inv.io.stderr.write(`zoneadm: ${zoneName}: No such zone configured\n`);
    return 1;
  }
  if (NEEDS_ZONE.has(sub) && !zone && !dryRunAttach) {
    inv.io.stderr.write(`zoneadm: ${sub}: a zone name (-z) is required\n`);
    return 2;
  }
  switch (sub) {
    case 'list':
      return list(call);
    case 'attach':
      return attach(call);
  }
  if (!zone) {
    inv.io.stderr.write(`zoneadm: unknown subcommand '${sub}'\n${USAGE}`);
    return 2;
  }
  switch (sub) {
    case 'boot':
      return boot(call, zone);
    case 'halt':
      return halt(call, zone);
    case 'shutdown':
      return shutdown(call, zone, args.includes('-r'));
    case 'reboot':
      return shutdown(call, zone, true);
    case 'detach':
      return detach(call, zone);
    case 'uninstall':
      return uninstall(call, zone);
    default:
      inv.io.stderr.write(`zoneadm: unknown subcommand '${sub}'\n${USAGE}`);
      return 2;
  }
};

