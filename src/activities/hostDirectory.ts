import { InventoryError, UnknownHostError } from '../hosts/errors';
import { knownHostsName } from '../hosts/knownHosts';
import { trustedKeys } from '../hosts/sshConnection';
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
  /** known_hosts lines (`[address]:port type key`) for the keys the inventory trusts for `host`. */
  knownHostsLines(host: string): Promise<string[]>;
}

export function directoryFromInventory(inventory: Inventory): HostDirectory {
  const entry = (name: string) => {
    const h = Object.hasOwn(inventory.hosts, name) ? inventory.hosts[name] : undefined;
    if (!h) throw new UnknownHostError(name, Object.keys(inventory.hosts));
    return h;
  };
  const sshEntry = (name: string) => {
    const h = entry(name);
    if (h.transport !== 'ssh')
      throw new InventoryError(`host ${name} is local to the worker; the direct transport needs an ssh address`);
    return h;
  };
  return {
    privilege: (name) => entry(name).privilege,
    async knownHostsLines(name) {
      const h = sshEntry(name);
      // The same keys the worker's own connection to the host trusts.
      return (await trustedKeys(h)).map(
        (k) => `${knownHostsName(h.address, h.port)} ${k.type} ${k.blob.toString('base64')}`,
      );
    },
    sshDestination(name) {
      const h = sshEntry(name);
      return { address: h.address, port: h.port, user: h.user, privilege: h.privilege };
    },
  };
}
