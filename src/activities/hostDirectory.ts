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
}

export function directoryFromInventory(inventory: Inventory): HostDirectory {
  return {
    sshDestination(name) {
      const h = inventory.hosts[name];
      if (!h) throw new Error(`unknown host ${name}`);
      if (h.transport !== 'ssh') throw new Error(`host ${name} is local to the worker; the direct transport needs an ssh address`);
      return { address: h.address, port: h.port, user: h.user, privilege: h.privilege };
    },
  };
}
