/** How long simulated operations take. Tests use a few ms, the demo realistic values. */
export interface SimTimings {
  bootMs: number;
  shutdownMs: number;
  haltMs: number;
  attachMs: number;
  detachMs: number;
  /** A Kernel Zone writing its suspend image (`zoneadm suspend`). */
  suspendMs: number;
  /** Added before every command a host runs. */
  commandLatencyMs: number;
  /** `zfs send` output rate; 0 = as fast as the channel takes it. */
  transferBytesPerSec: number;
}

export const FAST_TIMINGS: SimTimings = {
  bootMs: 20,
  shutdownMs: 20,
  haltMs: 5,
  attachMs: 5,
  detachMs: 5,
  suspendMs: 10,
  commandLatencyMs: 0,
  transferBytesPerSec: 0,
};
