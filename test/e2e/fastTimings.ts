import type { SimTimings } from '../../src/sim/timings';

/** Fast simulator timings: the logic is the same, the clock is not. (No Temporal here: scripts import it.) */
export const FAST: Partial<SimTimings> = {
  bootMs: 30,
  shutdownMs: 30,
  haltMs: 10,
  attachMs: 5,
  detachMs: 5,
  commandLatencyMs: 0,
  transferBytesPerSec: 0,
};
