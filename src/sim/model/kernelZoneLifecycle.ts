import type { SimHost } from '../simHost';
import { bootVolume, hostDataFor } from './kernelZone';
import type { KzHostData } from './zfsTypes';
import type { KzGuest, Zone } from './zoneTypes';
import { cloneConfig } from './zoneTypes';

/**
 * Rewrites the host data on the zone's boot volume as this host sees it (sealed with this host's
 * key for the zone). Nothing happens when the volume cannot be reached or the host has no key.
 */
export function writeHostData(host: SimHost, zone: Zone, state: KzHostData['state'], suspended: boolean): void {
  const volume = bootVolume(host, zone);
  const key = host.kzKeys.get(zone.name);
  if ('error' in volume || key === undefined) return;
  volume.hostData = hostDataFor(host, key, state, suspended);
}

/** The guest starts running (fresh or resumed); the live configuration starts as the persistent one. */
export function startGuest(host: SimHost, zone: Zone, guest: KzGuest): void {
  zone.guest = guest;
  zone.liveConfig = cloneConfig(zone.config);
  delete zone.auxState;
  writeHostData(host, zone, 'running', false);
  host.startGuestClock();
}

/** After halt, shutdown or suspend: no guest and no live configuration any more. */
export function stopGuest(host: SimHost, zone: Zone, suspended: boolean): void {
  delete zone.guest;
  delete zone.liveConfig;
  if (suspended) zone.auxState = 'suspended';
  writeHostData(host, zone, 'installed', suspended);
}
