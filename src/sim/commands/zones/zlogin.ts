import { bootZone, shutdownZone } from '../../model/zoneLifecycle';
import type { Zone } from '../../model/zoneTypes';
import type { CommandHandler, Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';
import { parseCommandLine, ShellSyntaxError } from '../../shell/parse';
import { getopt } from '../getopt';

/** Services the simulator knows inside a solaris-brand zone. */
const ZONE_SERVICES = [
  'svc:/milestone/multi-user:default',
  'svc:/milestone/multi-user-server:default',
  'svc:/network/ssh:default',
];

/** Starts the zone's shutdown and returns at once, like `zlogin Z init 5` does (or a reboot for 6). */
function goDown(inv: Invocation, zone: Zone, runlevel: string | undefined): number {
  if (runlevel !== '0' && runlevel !== '5' && runlevel !== '6') {
    print(inv.io.stderr, `init: invalid run level '${runlevel ?? ''}'\n`);
    return 1;
  }
  const down = shutdownZone(inv.host, zone);
  if (runlevel === '6') void down.then(() => bootZone(inv.host, zone)).catch(() => undefined);
  else down.catch(() => undefined);
  return 0;
}

function svcs(inv: Invocation, zone: Zone, args: string[]): number {
  const o = getopt(args, 'Ho:');
  if ('badOption' in o) {
    print(inv.io.stderr, `svcs: illegal option -- ${o.badOption}\n`);
    return 2;
  }
  let status = 0;
  for (const pattern of o.operands) {
    const fmri = ZONE_SERVICES.find(
      (f) =>
        f === pattern ||
        f === `svc:/${pattern}` ||
        f.endsWith(`/${pattern}`) ||
        f.startsWith(`svc:/${pattern}:`) ||
        f.startsWith(`${pattern}:`),
    );
    if (!fmri) {
      print(inv.io.stderr, `svcs: Pattern '${pattern}' doesn't match any instances\n`);
      status = 1;
      continue;
    }
    print(inv.io.stdout, zone.state === 'running' ? 'online\n' : 'offline*\n');
  }
  return status;
}

/** The few commands the simulator runs inside a zone. */
function runInZone(inv: Invocation, zone: Zone, argv: string[]): number {
  const [name = '', ...args] = argv;
  switch (name.slice(name.lastIndexOf('/') + 1)) {
    case 'init':
      return goDown(inv, zone, args[0]);
    case 'shutdown': {
      const level = args.find((a) => a.startsWith('-i'))?.slice(2) ?? '5';
      return goDown(inv, zone, level === '' ? args[args.findIndex((a) => a === '-i') + 1] : level);
    }
    case 'svcs':
      return svcs(inv, zone, args);
    case 'zonename':
      print(inv.io.stdout, `${zone.name}\n`);
      return 0;
    case 'true':
      return 0;
    default:
      print(inv.io.stderr, `sh: ${name}: not found\n`);
      return 127;
  }
}

/** zlogin(1): non-interactive `zlogin zone cmd…`; exits with the command's status. */
export const zlogin: CommandHandler = async (inv) => {
  const o = getopt(inv.args, 'l:SCEe:nQ');
  const [zoneName, ...words] = 'badOption' in o ? [] : o.operands;
  if ('badOption' in o || zoneName === undefined) {
    print(inv.io.stderr, 'usage: zlogin [ -nQCES ] [ -e cmdchar ] [-l user] zonename [command [args ...] ]\n');
    return 2;
  }
  if (zoneName === 'global') {
    print(inv.io.stderr, "zlogin: 'zlogin' not applicable to the global zone\n");
    return 1;
  }
  const zone = inv.host.zone(zoneName);
  if (!zone) {
    print(inv.io.stderr, `zlogin: zone '${zoneName}' unknown\n`);
    return 1;
  }
  if (zone.state === 'configured' || zone.state === 'incomplete') {
    print(inv.io.stderr, `zlogin: cannot login to a zone which is '${zone.state}'\n`);
    return 1;
  }
  if (zone.state !== 'running') {
    print(inv.io.stderr, `zlogin: login allowed only to running zones (${zoneName} is '${zone.state}').\n`);
    return 1;
  }
  if (words.length === 0) {
    print(inv.io.stderr, 'zlogin: interactive login needs a terminal; give a command\n');
    return 1;
  }
  let items;
  try {
    // zlogin joins its arguments with spaces for `su root -c` (illumos zlogin.c prep_args): one shell line.
    items = parseCommandLine(words.join(' '));
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    print(inv.io.stderr, `sh: ${err.message}\n`);
    return 2;
  }
  let status = 0;
  for (const item of items) {
    if ((item.op === '&&' && status !== 0) || (item.op === '||' && status === 0)) continue;
    const [argv, ...more] = item.pipeline;
    if (!argv || more.length > 0) {
      print(inv.io.stderr, 'sh: pipelines inside zones are not simulated\n');
      return 2;
    }
    status = runInZone(inv, zone, argv);
  }
  return status;
};
