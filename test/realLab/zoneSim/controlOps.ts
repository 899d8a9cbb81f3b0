import type { SimHost } from '../../../src/sim/simHost';
import type { ZoneConfig, ZoneState } from '../../../src/sim/model/zoneTypes';
import { startZoneWriter, type WriterSpec } from './zoneWriter';

/**
 * What a test asks a host's zone simulator directly (not through a zone command): the set-up a
 * real host would have from `zoneadm install`, and what only the "inside" of a zone can do.
 */
export type ControlRequest =
  | { op: 'configureZone'; zone: string; config: ZoneConfig; state: ZoneState }
  | { op: 'addVnic'; link: string }
  | { op: 'zoneState'; zone: string }
  | { op: 'startWriter'; writer: WriterSpec }
  | { op: 'writes' };

export type ControlResponse = { ok: true; state?: string | null; writes?: number } | { ok: false; error: string };

export function controlHandler(host: SimHost): (request: ControlRequest) => ControlResponse {
  const writers: ReturnType<typeof startZoneWriter>[] = [];
  return (request) => {
    switch (request.op) {
      case 'configureZone':
        host.configureZone(request.zone, request.config, request.state);
        return { ok: true };
      case 'addVnic':
        host.addVnic(request.link);
        return { ok: true };
      case 'zoneState':
        return { ok: true, state: host.zone(request.zone)?.state ?? null };
      case 'startWriter':
        writers.push(startZoneWriter(host, request.writer));
        return { ok: true };
      case 'writes':
        return { ok: true, writes: writers.reduce((n, w) => n + w.writes(), 0) };
    }
  };
}
