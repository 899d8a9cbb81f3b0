import type { Host } from '../../hosts/host';
import { classifyZoneadmError, parseZoneadmList, zoneadmList, type ZoneListEntry, type ZoneState } from '../../solaris';
import { commandFailed } from '../failures';
import { run, showCommand } from '../commandRunner';

/** The zone as `zoneadm -z Z list -p` sees it, or undefined when the host has no such zone configured. */
export async function readZone(host: Host, zone: string): Promise<ZoneListEntry | undefined> {
  const argv = zoneadmList({ zone, scope: 'configured' });
  const res = await run(host, argv);
  if (res.code !== 0) {
    if (classifyZoneadmError(res.stderr) === 'no-such-zone') return undefined;
    throw commandFailed({ host: host.name, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  }
  return parseZoneadmList(res.stdout).find((z) => z.name === zone);
}

export async function readZoneState(host: Host, zone: string): Promise<ZoneState | undefined> {
  return (await readZone(host, zone))?.state;
}
