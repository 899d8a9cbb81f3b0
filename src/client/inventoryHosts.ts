import { existsSync } from 'node:fs';
import { loadInventory } from '../hosts/inventory';
import { UsageError } from './usageError';

/** The inventory the CLI checks host names against: --inventory, $ZMIG_INVENTORY, or ./inventory.yml. */
export function inventoryPath(flag?: string): string | undefined {
  const path = flag ?? process.env['ZMIG_INVENTORY'] ?? (existsSync('inventory.yml') ? 'inventory.yml' : undefined);
  return path;
}

/**
 * Refuses host names the inventory does not know before anything starts. Without an inventory at
 * hand the worker's preflight reports unknown hosts instead.
 */
export async function checkHostsKnown(hosts: string[], flag?: string): Promise<void> {
  const path = inventoryPath(flag);
  if (!path) return;
  const inventory = await loadInventory(path).catch((err: Error) => {
    throw new UsageError(err.message);
  });
  for (const h of hosts) {
    if (!inventory.hosts[h])
      throw new UsageError(`unknown host "${h}" (inventory ${path} has: ${Object.keys(inventory.hosts).join(', ')})`);
  }
}
