import type { SimHost } from '../simHost';
import type { Zone } from './zoneTypes';

/**
 * Timed zone state changes. They run in the background like zoneadmd does: a caller that goes away
 * (closed channel) does not stop a boot halfway. A second request waits for the first to finish.
 */
function transition(host: SimHost, zone: Zone, steps: () => Promise<void>): Promise<void> {
  const previous = host.transitions.get(zone.name) ?? Promise.resolve();
  const next = previous.then(steps).finally(() => {
    if (host.transitions.get(zone.name) === next) host.transitions.delete(zone.name);
  });
  host.transitions.set(zone.name, next);
  return next;
}

export function settled(host: SimHost, zone: Zone): Promise<void> {
  return host.transitions.get(zone.name) ?? Promise.resolve();
}

/** installed → ready → running over bootMs. */
export function bootZone(host: SimHost, zone: Zone): Promise<void> {
  return transition(host, zone, async () => {
    if (zone.state === 'running') return;
    zone.state = 'ready';
    zone.id ??= host.allocateZoneId();
    await host.sleep(host.timings.bootMs);
    zone.state = 'running';
  });
}

/** running → shutting_down → down → installed over shutdownMs (init 5 / zoneadm shutdown). */
export function shutdownZone(host: SimHost, zone: Zone): Promise<void> {
  return transition(host, zone, async () => {
    if (zone.state !== 'running' && zone.state !== 'ready') return;
    zone.state = 'shutting_down';
    await host.sleep(Math.floor((host.timings.shutdownMs * 2) / 3));
    zone.state = 'down';
    await host.sleep(Math.ceil(host.timings.shutdownMs / 3));
    zone.state = 'installed';
    delete zone.id;
  });
}

/** Immediate stop: down → installed over haltMs. */
export function haltZone(host: SimHost, zone: Zone): Promise<void> {
  return transition(host, zone, async () => {
    if (zone.state === 'installed') return;
    zone.state = 'down';
    await host.sleep(host.timings.haltMs);
    zone.state = 'installed';
    delete zone.id;
  });
}

/**
 * A Kernel Zone writing its suspend image over suspendMs, then installed (doc: "Suspending and
 * Resuming a Kernel Zone": the running state is written out and the zone is no longer running).
 * `write` runs once the image is complete.
 */
export function suspendZone(host: SimHost, zone: Zone, write: () => void): Promise<void> {
  return transition(host, zone, async () => {
    if (zone.state !== 'running') return;
    await host.sleep(host.timings.suspendMs);
    write();
    zone.state = 'installed';
    delete zone.id;
  });
}
