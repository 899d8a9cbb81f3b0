import { readFile } from 'node:fs/promises';
import { InventoryError, UnknownHostError } from '../hosts/errors';
import { knownHostsKeys, knownHostsName, parsePublicKey } from '../hosts/knownHosts';
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
  return {
    privilege: (name) => entry(name).privilege,
    async knownHostsLines(name) {
      const h = entry(name);
      if (h.transport !== 'ssh') throw new Error(`host ${name} is local to the worker; the direct transport needs an ssh address`);
      const keys = h.hostKey !== undefined ? [parsePublicKey(h.hostKey)] : knownHostsKeys(await readFile(h.knownHosts ?? '', 'utf8'), knownHostsName(h.address, h.port));
      return keys.flatMap((k) => (k ? [`${knownHostsName(h.address, h.port)} ${k.type} ${k.blob.toString('base64')}`] : []));
    },
    sshDestination(name) {
      const h = entry(name);
      if (h.transport !== 'ssh') throw new InventoryError(`host ${name} is local to the worker; the direct transport needs an ssh address`);
      return { address: h.address, port: h.port, user: h.user, privilege: h.privilege };
    },
  };
}
