import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabHost, type LabHost, type LabHostSpec, type LabUser } from './labHost';
import { mustRun } from './localCommand';

export interface RealLab {
  hosts: Record<string, LabHost>;
  dir: string;
  /** zmig inventory: every host over SSH as the lab user with `privilege: sudo`, keys from known_hosts. */
  inventoryPath: string;
  user: LabUser;
  stop(): Promise<void>;
}

const USER_NAME = 'zmiglab';

/** A uid no account on this machine has, so the lab user owns nothing outside the lab. */
function unusedUid(): number {
  const taken = new Set(
    readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((line) => Number(line.split(':')[2])),
  );
  let uid = 60_100;
  while (taken.has(uid)) uid += 1;
  return uid;
}

/**
 * The direct transport's `ssh` runs on the source as the lab user and logs in to the target with
 * that user's default key: the lab's client key, which every host's authorized_keys lists.
 */
function giveClientKey(home: string, clientKey: string, user: LabUser): void {
  const sshDir = join(home, '.ssh');
  mkdirSync(sshDir, { mode: 0o700 });
  copyFileSync(clientKey, join(sshDir, 'id_ed25519'));
  chmodSync(join(sshDir, 'id_ed25519'), 0o600);
  for (const path of [sshDir, join(sshDir, 'id_ed25519')]) chownSync(path, user.uid, user.uid);
}

/**
 * Starts the real-component lab: each host its own mount namespace, zfs-fuse, sshd and sudoers (see
 * labHost.ts), one client key, known_hosts and inventory.yml. Hosts start one after another; if one
 * fails, those already started are stopped.
 */
export async function startRealLab(specs: readonly LabHostSpec[]): Promise<RealLab> {
  const dir = mkdtempSync(join(tmpdir(), 'zmig-real-lab-'));
  // The lab user's sshd reads its authorized_keys below here.
  chmodSync(dir, 0o755);
  const clientKey = join(dir, 'id_ed25519');
  await mustRun(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'zmig-lab-client', '-f', clientKey]);
  const user: LabUser = {
    name: USER_NAME,
    uid: unusedUid(),
    publicKey: readFileSync(`${clientKey}.pub`, 'utf8').trim(),
  };
  const hosts: Record<string, LabHost> = {};
  const stop = async (): Promise<void> => {
    const failures = (await Promise.allSettled(Object.values(hosts).map((host) => host.stop()))).filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    rmSync(dir, { recursive: true, force: true });
    if (failures.length > 0) throw failures[0]!.reason;
  };
  try {
    for (const spec of specs) hosts[spec.name] = await startLabHost(spec, join(dir, spec.name), user);
  } catch (err) {
    await stop();
    throw err;
  }
  for (const spec of specs) if (spec.zones) giveClientKey(join(dir, spec.name, 'home'), clientKey, user);
  writeFileSync(
    join(dir, 'known_hosts'),
    specs.map((s) => `[127.0.0.1]:${hosts[s.name]!.port} ${hosts[s.name]!.hostPublicKey}\n`).join(''),
  );
  const inventoryPath = join(dir, 'inventory.yml');
  // Dialect illumos: zfs-fuse has OpenSolaris's `send -R`, not Solaris 11's `send -r`.
  writeFileSync(
    inventoryPath,
    `hosts:\n${specs
      .map(
        (s) =>
          `  ${s.name}: { address: 127.0.0.1, port: ${hosts[s.name]!.port}, user: ${USER_NAME}, privateKey: id_ed25519, knownHosts: known_hosts, privilege: sudo, dialect: illumos }\n`,
      )
      .join('')}`,
  );
  return { hosts, dir, inventoryPath, user, stop };
}
