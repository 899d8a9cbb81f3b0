import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ExecResult } from '../../src/hosts/host';
import { isAlive, pidsInNamespaceOf, spawnTied, stopPid } from './labProcesses';
import { mustRun, runCommand } from './localCommand';
import { sudoersFor } from './privilegedCommands';
import { startZoneLayer, type ZoneLayer } from './zoneSim/zoneLayer';

/** The non-root account zmig logs in as on every lab host (only in the hosts' private /etc/passwd). */
export interface LabUser {
  name: string;
  uid: number;
  /** OpenSSH public key line the user authenticates with. */
  publicKey: string;
}

export interface LabHostSpec {
  name: string;
  /** The host's one pool, on a sparse file in the host's folder, mounted under /mnt/<pool>. */
  pool: string;
  /** Commands the sudoers leaves out (default none: exactly what zmig escalates). */
  sudoersWithout?: readonly string[];
  /** The zone layer (zoneSim/zoneLayer.ts): zone commands served by the simulator; needs pool rpool. */
  zones?: boolean;
}

/** One real-component host: a private mount namespace with its own zfs-fuse, sshd and sudoers. */
export interface LabHost {
  name: string;
  pool: string;
  dir: string;
  port: number;
  /** `ssh-ed25519 AAAA…` */
  hostPublicKey: string;
  /** With spec.zones: the host's zone simulator. */
  zones?: ZoneLayer;
  /** Runs an argv as root inside the host's namespace (set-up and checks, not what zmig runs). */
  runAsRoot(argv: readonly string[], stdin?: string): Promise<ExecResult>;
  /** The pids of every process in the host's namespace, the namespace holder included. */
  pids(): number[];
  /** Every process the host started (and what its sshd started), stopped by pid. */
  stop(): Promise<void>;
}

/** zfs-fuse needs at least 64 MiB per vdev; the file is sparse, so this costs nothing until written. */
const POOL_FILE_BYTES = 256 * 1024 * 1024;

/** Stderr of a lab daemon, kept (last 8 KiB) for the error that says why it did not start. */
function stderrTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  });
  return () => tail;
}

async function waitFor(
  what: string,
  ready: () => boolean | Promise<boolean>,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    if (await ready()) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited: ${log().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready after 20 s: ${log().trim()}`);
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

/** Copies of the host's passwd, group and shadow with the lab user added, bind-mounted in the namespace. */
function writeAccountFiles(dir: string, user: LabUser, home: string): void {
  const add = (file: string, line: string) =>
    writeFileSync(join(dir, file), `${readFileSync(join('/etc', file), 'utf8').trimEnd()}\n${line}\n`);
  add('passwd', `${user.name}:x:${user.uid}:${user.uid}:zmig lab:${home}:/bin/sh`);
  add('group', `${user.name}:x:${user.uid}:`);
  // `*`: no password can match, and unlike `!` it does not mark the account locked for sshd.
  add('shadow', `${user.name}:*:19000:0:99999:7:::`);
  chmodSync(join(dir, 'shadow'), 0o640);
}

function sshdConfig(dir: string, port: number, user: LabUser): string {
  return [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
    'PidFile none',
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    `AllowUsers ${user.name}`,
    // Without PAM, sshd reads the account from the namespace's own passwd and shadow.
    'UsePAM no',
    // The lab's files live under the test run's temp folder, not a home directory sshd would accept.
    'StrictModes no',
    '',
  ].join('\n');
}

/** Starts one lab host in `dir` (created here; readable by the lab user, who must reach its files). */
export async function startLabHost(spec: LabHostSpec, dir: string, user: LabUser): Promise<LabHost> {
  const etc = join(dir, 'etc');
  const home = join(dir, 'home');
  for (const sub of ['run/sshd', 'run/lock', 'var-lib-zfs', 'mnt', 'etc', 'home'])
    mkdirSync(join(dir, sub), { recursive: true });
  chmodSync(dir, 0o755);
  chownSync(home, user.uid, user.uid);
  const poolFile = join(dir, `${spec.pool}.img`);
  writeFileSync(poolFile, '');
  truncateSync(poolFile, POOL_FILE_BYTES);

  // The namespace's holder; the daemons are set once started.
  const keeper = spawnTied(['unshare', '--mount', '--propagation', 'private', '--', 'sleep', 'infinity']);
  let zfsFuse: ChildProcess | undefined;
  let sshd: ChildProcess | undefined;
  const keeperPid = keeper.pid;
  if (keeperPid === undefined) throw new Error('cannot start unshare');
  const inNamespace = (argv: readonly string[]) => ['nsenter', '-t', String(keeperPid), '-m', '--', ...argv];

  const stop = async (): Promise<void> => {
    const members = pidsInNamespaceOf(keeperPid);
    if (sshd?.pid !== undefined) await stopPid(sshd.pid, 2000);
    // What sshd started (sessions, sudo, zfs) and anything else in the namespace, except the daemon.
    for (const pid of members) if (pid !== zfsFuse?.pid) await stopPid(pid, 1000);
    // zfs-fuse syncs and unmounts its pool on SIGTERM, which takes a few seconds.
    if (zfsFuse?.pid !== undefined) await stopPid(zfsFuse.pid, 15_000);
    await stopPid(keeperPid, 0);
    const survivors = [keeperPid, ...members].filter(isAlive);
    if (survivors.length > 0) throw new Error(`${spec.name}: processes ${survivors.join(', ')} survived the lab`);
  };

  try {
    await waitFor(
      'unshare',
      () => pidsInNamespaceOf(keeperPid).length === 0 && isAlive(keeperPid),
      keeper,
      () => '',
    );
    writeAccountFiles(etc, user, home);
    writeFileSync(join(etc, 'sudoers'), sudoersFor(user.name, spec.sudoersWithout), { mode: 0o440 });
    // Private /run (zfs-fuse's socket and lock, sshd, sudo) and /var/lib/zfs (zpool.cache): without the
    // latter a second daemon would import the first one's pools.
    const binds: [string, string][] = [
      [join(dir, 'run'), '/run'],
      [join(dir, 'var-lib-zfs'), '/var/lib/zfs'],
      [join(dir, 'mnt'), '/mnt'],
      ...['passwd', 'group', 'shadow', 'sudoers'].map((file): [string, string] => [join(etc, file), `/etc/${file}`]),
    ];
    for (const [from, to] of binds) await mustRun(inNamespace(['mount', '--bind', from, to]));

    const daemon = spawnTied(inNamespace(['zfs-fuse', '--no-daemon', '--no-kstat-mount', '-p', '/run/zfs-fuse.pid']));
    zfsFuse = daemon;
    const zfsLog = stderrTail(daemon);
    await waitFor('zfs-fuse', () => existsSync(join(dir, 'run/zfs/zfs_socket')), daemon, zfsLog);
    await waitFor(
      'zfs-fuse',
      async () => (await runCommand(inNamespace(['zpool', 'list']))).code === 0,
      daemon,
      zfsLog,
    );
    await mustRun(inNamespace(['zpool', 'create', '-m', `/mnt/${spec.pool}`, spec.pool, poolFile]));

    await mustRun([
      'ssh-keygen',
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      spec.name,
      '-f',
      join(dir, 'ssh_host_ed25519_key'),
    ]);
    writeFileSync(join(dir, 'authorized_keys'), `${user.publicKey}\n`);
    const port = await freeLoopbackPort();
    writeFileSync(join(dir, 'sshd_config'), sshdConfig(dir, port, user));
    const server = spawnTied(inNamespace(['/usr/sbin/sshd', '-D', '-e', '-f', join(dir, 'sshd_config')]));
    sshd = server;
    const sshdLog = stderrTail(server);
    await waitFor('sshd', () => sshdLog().includes('Server listening'), server, sshdLog);

    // Its daemon is a process of the namespace: stop() ends it by pid with the others.
    const zones = spec.zones ? (await startZoneLayer({ ...spec, dir, inNamespace })).layer : undefined;

    const hostPublicKey = readFileSync(join(dir, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    return {
      name: spec.name,
      pool: spec.pool,
      dir,
      port,
      hostPublicKey,
      ...(zones && { zones }),
      runAsRoot: (argv, stdin) => runCommand(inNamespace(argv), stdin),
      pids: () => [keeperPid, ...pidsInNamespaceOf(keeperPid)],
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
