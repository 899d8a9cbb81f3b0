import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Dialect } from '../hosts/host';
import type { CommandLogEntry } from './commandLog';
import { executeCommandLine } from './execute';
import { FaultInjector } from './faults';
import { SimHost, type SimNetwork } from './simHost';
import { SimSshServer } from './sshServer';
import { FAST_TIMINGS, type SimTimings } from './timings';
import { defaultRelease, RELEASES, type ReleaseName } from './model/release';
import { StorageFabric } from './model/storageFabric';

const { utils } = ssh2;

export interface LabHostSpec {
  name: string;
  /** The release the host plays; default 11.4, or OmniOS for the illumos dialect. */
  release?: ReleaseName;
  dialect?: Dialect;
  /** Address the inventory names (the server always listens on 127.0.0.1). Default 127.0.0.1. */
  address?: string;
}

export interface LabOptions {
  hosts: LabHostSpec[];
  timings?: Partial<SimTimings>;
  /** Where id_ed25519, known_hosts and inventory.yml are written; default a new temp dir. */
  dir?: string;
}

export interface Lab {
  hosts: Record<string, SimHost>;
  dir: string;
  inventoryPath: string;
  /** The SSH port of each host. */
  ports: Record<string, number>;
  faults: FaultInjector;
  /** Every command line each host ran, with its exit code (null while running or never answered). */
  commandLog: CommandLogEntry[];
  /** The iSCSI LUs and NFS shares the lab's hosts share. */
  fabric: StorageFabric;
  /** Live: changing a field affects the running lab. */
  timings: SimTimings;
  rotateHostKey(name: string): Promise<void>;
  dropConnections(name: string): void;
  stop(): Promise<void>;
}

/**
 * An ed25519 key pair. ssh2's generator now and then (about 1 in 400) writes a private key that its
 * own parser rejects as malformed; such a key is discarded and another generated.
 */
export function newEd25519KeyPair(): { private: string; public: string } {
  for (;;) {
    const keys = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(keys.private) instanceof Error) && !(utils.parseKey(keys.public) instanceof Error))
      return keys;
  }
}

function publicKeyLine(key: string): string {
  return key.trim().split(/\s+/).slice(0, 2).join(' ');
}

/** Starts simulated hosts, each with its own SSH server on 127.0.0.1, and writes their inventory. */
export async function startLab(opts: LabOptions): Promise<Lab> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'zmig-lab-'));
  const clientKeys = newEd25519KeyPair();
  const clientKey = utils.parseKey(clientKeys.public);
  if (clientKey instanceof Error || Array.isArray(clientKey)) throw new Error('cannot parse the generated client key');
  const hosts: Record<string, SimHost> = {};
  const servers: Record<string, SimSshServer> = {};
  const ports: Record<string, number> = {};
  const hostKeys: Record<string, string> = {};
  const network: SimNetwork = {
    timings: { ...FAST_TIMINGS, ...opts.timings },
    faults: new FaultInjector(),
    commandLog: [],
    fabric: new StorageFabric((name) => hosts[name]),
    resolve(target, port) {
      const byName = hosts[target];
      if (byName && (port === undefined || ports[target] === port)) return byName;
      const address = target === 'localhost' ? '127.0.0.1' : target;
      const matches = Object.values(hosts).filter(
        (h) => h.address === address && (port === undefined || ports[h.name] === port),
      );
      return matches.length === 1 ? matches[0] : undefined;
    },
    execute: executeCommandLine,
  };
  for (const spec of opts.hosts) {
    const release = RELEASES[spec.release ?? defaultRelease(spec.dialect ?? 'solaris11')];
    const host = new SimHost(spec.name, release, spec.address ?? '127.0.0.1', network);
    const keys = newEd25519KeyPair();
    const server = new SimSshServer(host, keys.private, clientKey, executeCommandLine);
    hosts[spec.name] = host;
    servers[spec.name] = server;
    ports[spec.name] = await server.listen();
    host.hostKeyLine = publicKeyLine(keys.public);
    hostKeys[spec.name] = host.hostKeyLine;
  }

  writeFileSync(join(dir, 'id_ed25519'), clientKeys.private, { mode: 0o600 });
  writeFileSync(
    join(dir, 'known_hosts'),
    opts.hosts.map((h) => `[127.0.0.1]:${ports[h.name]} ${hostKeys[h.name]}\n`).join(''),
  );
  const inventoryPath = join(dir, 'inventory.yml');
  writeFileSync(
    inventoryPath,
    `hosts:\n${opts.hosts
      .map(
        (h) =>
          `  ${h.name}: { address: 127.0.0.1, port: ${ports[h.name]}, user: root, privateKey: id_ed25519, knownHosts: known_hosts, privilege: pfexec, dialect: ${hosts[h.name]!.dialect} }\n`,
      )
      .join('')}`,
  );

  const server = (name: string): SimSshServer => {
    const s = servers[name];
    if (!s) throw new Error(`no lab host ${name}`);
    return s;
  };
  return {
    hosts,
    dir,
    inventoryPath,
    ports,
    faults: network.faults,
    commandLog: network.commandLog,
    fabric: network.fabric,
    timings: network.timings,
    rotateHostKey: (name) => {
      const keys = newEd25519KeyPair();
      hosts[name]!.hostKeyLine = publicKeyLine(keys.public);
      return server(name).rotateHostKey(keys.private);
    },
    dropConnections: (name) => server(name).dropConnections(),
    async stop() {
      for (const host of Object.values(hosts)) host.stop();
      await Promise.all(Object.values(servers).map((s) => s.close()));
    },
  };
}
