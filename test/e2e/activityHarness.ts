import { createActivities, type Activities } from '../../src/activities';
import { directoryFromInventory } from '../../src/activities/hostDirectory';
import type { HostPool } from '../../src/hosts/host';
import { createHostPool } from '../../src/hosts/hostPool';
import { loadInventory } from '../../src/hosts/inventory';

/** The activities as a worker builds them, over an inventory's hosts, for tests that call them one at a time. */
export async function activitiesFor(inventoryPath: string): Promise<{ pool: HostPool; acts: Activities }> {
  const inventory = await loadInventory(inventoryPath);
  const pool = createHostPool(inventory);
  return { pool, acts: createActivities({ pool, directory: directoryFromInventory(inventory) }) };
}
