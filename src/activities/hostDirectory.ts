import { InventoryError, UnknownHostError } from '../hosts/errors';
import type { Privilege } from '../hosts/privilege';
import type { Inventory } from '../hosts/inventory';

/** How one host reaches another over ssh: only the direct transport needs it. */
export interface SshDestination {
  address: string;
  port: number;
  user: string;
  privilege: Privilege;
}

export interface HostDirectory {
  sshDestination(host: string): SshDestination;
  /** The privilege prefix a host's commands need (inside a pipeline each stage carries its own). */
  privilege(host: string): Privilege;
}

export function directoryFromInventory(inventory: Inventory): HostDirectory {
  const entry = (name: string) => {
    const h = Object.hasOwn(inventory.hosts, name) ? inventory.hosts[name] : undefined;
    if (!h) throw new UnknownHostError(name, Object.keys(inventory.hosts));
    return h;
  };
  return {
    privilege: (name) => entry(name).privilege,
    sshDestination(name) {
      const h = entry(name);
      if (h.transport !== 'ssh') throw new InventoryError(`host ${name} is local to the worker; the direct transport needs an ssh address`);
      return { address: h.address, port: h.port, user: h.user, privilege: h.privilege };
    },
  };
}
