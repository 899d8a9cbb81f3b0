import { UnknownHostError } from './errors';
import type { Host, HostPool } from './host';
import type { Inventory, InventoryHost } from './inventory';
import { createLocalHost } from './localHost';
import { createSshHost } from './sshHost';

export interface HostPoolOptions {
  /** Called with the host name each time an SSH connection is established. */
  onHandshake?: (host: string) => void;
  connectTimeoutMs?: number;
}

/** One Host per inventory name, created on first use and shared by every activity of the worker. */
export function createHostPool(inventory: Inventory, opts: HostPoolOptions = {}): HostPool {
  const hosts = new Map<string, Host>();
  const names = () => Object.keys(inventory.hosts);

  const create = (entry: InventoryHost): Host => {
    if (entry.transport === 'local') return createLocalHost(entry);
    const onHandshake = opts.onHandshake;
    return createSshHost(entry, {
      ...(opts.connectTimeoutMs !== undefined && { connectTimeoutMs: opts.connectTimeoutMs }),
      ...(onHandshake && { onHandshake: () => onHandshake(entry.name) }),
    });
  };

  return {
    get(name) {
      const existing = hosts.get(name);
      if (existing) return existing;
      const entry = Object.hasOwn(inventory.hosts, name) ? inventory.hosts[name] : undefined;
      if (!entry) throw new UnknownHostError(name, names());
      const host = create(entry);
      hosts.set(name, host);
      return host;
    },
    names,
    async closeAll() {
      const open = [...hosts.values()];
      hosts.clear();
      await Promise.all(open.map((host) => host.close()));
    },
  };
}
