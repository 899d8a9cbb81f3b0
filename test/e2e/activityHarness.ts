import { createActivities, type Activities } from '../../src/activities';
import { directoryFromInventory } from '../../src/activities/hostDirectory';
import type { HostPool } from '../../src/hosts/host';
import { createHostPool } from '../../src/hosts/hostPool';
import { loadInventory } from '../../src/hosts/inventory';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { startLab, type Lab } from '../../src/sim/lab';
import { FAST } from './fastTimings';

/** The activities as a worker builds them, over an inventory's hosts, for tests that call them one at a time. */
export async function activitiesFor(inventoryPath: string): Promise<{ pool: HostPool; acts: Activities }> {
  const inventory = await loadInventory(inventoryPath);
  const pool = createHostPool(inventory);
  return { pool, acts: createActivities({ pool, directory: directoryFromInventory(inventory) }) };
}

export interface ActivityLab {
  lab: Lab;
  pool: HostPool;
  acts: Activities;
  close(): Promise<void>;
}

/**
 * node1 running zone www (its zonepath and delegated dataset), node2 an empty target with the
 * zone's VNIC, and the activities over both. `prepare` runs before the inventory is read.
 */
export async function twoHostActivityLab(
  opts: { sizeBytes?: number; prepare?: (lab: Lab) => void } = {},
): Promise<ActivityLab> {
  const lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }], timings: FAST });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: opts.sizeBytes ?? 1024 * 1024, delegatedSizeBytes: 1024 * 1024 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  opts.prepare?.(lab);
  const { pool, acts } = await activitiesFor(lab.inventoryPath);
  return {
    lab,
    pool,
    acts,
    async close() {
      await pool.closeAll();
      await lab.stop();
    },
  };
}
