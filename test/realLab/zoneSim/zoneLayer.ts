import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BE_ROOT, BE_UUID_PROP } from '../../../src/sim/model/bootEnvironment';
import { spawnTied } from '../labProcesses';
import { mustRun } from '../localCommand';
import type { ControlRequest } from './controlOps';
import type { DaemonConfig } from './zoneSimDaemon';
import { zoneControl } from './zoneControl';
import { SOCKETS } from './wire';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const CLIENT = fileURLToPath(new URL('./simClient.mjs', import.meta.url));
const DAEMON = fileURLToPath(new URL('./zoneSimDaemon.ts', import.meta.url));

/** The global zone's BE on every zone-layer lab host (OmniOS names its first BE like this). */
const ACTIVE_BE = 'omnios';
/** Inside the namespace: the daemon's sockets, the real zfs and a test's zfs fault. */
const RUN_DIR = '/run/zmig-lab';

/** Where each served command goes: the privileged ones where sudo finds them, the rest on the login PATH. */
const SBIN = ['zoneadm', 'zonecfg', 'zlogin'];
const BIN = ['beadm', 'dladm', 'uname'];

/**
 * `zfs` on the PATH: the real one, unless a test armed a fault. /run/zmig-lab/zfs-fault holds an
 * extended regular expression over the command line (`zfs send …`) and, on a second line, a zone:
 * the fault then acts only while that zone is not running (a send after the shutdown: the final one).
 * A third line `hang` makes a matching command wait until the fault is cleared and then fail without
 * running: a worker killed meanwhile leaves the state as if it died just before that command.
 */
const ZFS_SHIM = `#!/bin/sh
fault=${RUN_DIR}/zfs-fault
if [ -f "$fault" ] && printf '%s\\n' "zfs $*" | grep -Eq -- "$(sed -n 1p "$fault")"; then
  zone=$(sed -n 2p "$fault")
  if [ -z "$zone" ] || ! /usr/sbin/zoneadm -z "$zone" list -p | grep -q ':running:'; then
    if [ "$(sed -n 3p "$fault")" = hang ]; then
      while [ -f "$fault" ]; do sleep 0.2; done
    fi
    echo "zfs: injected lab fault ($*)" >&2
    exit 1
  fi
fi
exec ${RUN_DIR}/zfs "$@"
`;

export interface ZoneLayer {
  /** The uuid of the host's running global BE. */
  beUuid: string;
  control(request: ControlRequest): ReturnType<typeof zoneControl>;
  /**
   * Makes `zfs` command lines matching `pattern` fail (only while `zone` is not running, if given),
   * or with `hang`, wait until the fault is cleared and then fail; none clears it.
   */
  setZfsFault(fault: { pattern: string; zone?: string; hang?: boolean } | undefined): void;
}

function writeScripts(dir: string, names: readonly string[], body: (name: string) => string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const name of names) writeFileSync(join(dir, name), body(name), { mode: 0o755 });
}

async function waitUntil(what: string, ready: () => Promise<boolean>, child: ChildProcess): Promise<void> {
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-8192)));
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (await ready().catch(() => false)) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited: ${log.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready after 30 s: ${log.trim()}`);
}

/**
 * Gives a lab host the zone layer: its global BE as real datasets under rpool/ROOT, the served
 * commands on its PATH (overlays on /usr/sbin and /usr/local/bin inside its namespace, so that
 * `sudo -n zoneadm` finds /usr/sbin/zoneadm as the README's sudoers line names it), the real zfs
 * behind a fault shim, and the zone simulator daemon (returned, for the host to stop by pid).
 */
export async function startZoneLayer(host: {
  name: string;
  pool: string;
  dir: string;
  inNamespace(argv: readonly string[]): string[];
}): Promise<{ layer: ZoneLayer; daemon: ChildProcess }> {
  if (host.pool !== 'rpool')
    throw new Error(`${host.name}: a zone-layer lab host's pool must be rpool (the simulator's BE root is ${BE_ROOT})`);
  const run = (argv: readonly string[]) => mustRun(host.inNamespace(argv));
  const beUuid = randomUUID();
  await run(['zfs', 'create', '-o', 'canmount=off', '-o', 'mountpoint=legacy', BE_ROOT]);
  await run([
    'zfs',
    'create',
    '-o',
    'canmount=noauto',
    '-o',
    'mountpoint=legacy',
    '-o',
    `${BE_UUID_PROP}=${beUuid}`,
    `${BE_ROOT}/${ACTIVE_BE}`,
  ]);

  const runDir = join(host.dir, 'run', 'zmig-lab');
  mkdirSync(runDir, { recursive: true });
  chmodSync(runDir, 0o755);
  // The lab user runs the client from the namespace's /run, not from the repository, which may sit
  // where that user cannot read (a clone under a 0700 temporary directory).
  copyFileSync(CLIENT, join(runDir, 'simClient.mjs'));
  chmodSync(join(runDir, 'simClient.mjs'), 0o644);
  const bin = join(host.dir, 'zone-bin');
  const client = (name: string) => `#!/bin/sh\nexec ${process.execPath} ${RUN_DIR}/simClient.mjs ${name} "$@"\n`;
  writeScripts(join(bin, 'sbin'), SBIN, client);
  writeFileSync(join(bin, 'sbin', 'zfs'), ZFS_SHIM, { mode: 0o755 });
  writeScripts(join(bin, 'bin'), BIN, client);
  writeFileSync(join(runDir, 'zfs'), '');
  await run(['mount', '--bind', '/usr/sbin/zfs', `${RUN_DIR}/zfs`]);
  await run(['mount', '-t', 'overlay', 'overlay', '-o', `lowerdir=${join(bin, 'sbin')}:/usr/sbin`, '/usr/sbin']);
  await run([
    'mount',
    '-t',
    'overlay',
    'overlay',
    '-o',
    `lowerdir=${join(bin, 'bin')}:/usr/local/bin`,
    '/usr/local/bin',
  ]);

  const config: DaemonConfig = { name: host.name, runDir: RUN_DIR, zfsPath: `${RUN_DIR}/zfs`, activeBe: ACTIVE_BE };
  // nsenter starts it in /: the shell moves to the repository, where `--import tsx` resolves, and execs node.
  const argv = [process.execPath, '--import', 'tsx', DAEMON, JSON.stringify(config)];
  const daemon = spawnTied(host.inNamespace(['sh', '-c', 'cd "$0" && exec "$@"', repoRoot, ...argv]));
  const controlPath = join(runDir, SOCKETS.control);
  const control = (request: ControlRequest) => zoneControl(controlPath, request);
  await waitUntil(
    `${host.name}: zone simulator`,
    async () =>
      existsSync(controlPath) &&
      (statSync(join(runDir, SOCKETS.user)).mode & 0o666) === 0o666 &&
      (await control({ op: 'writes' })).ok,
    daemon,
  );
  const faultFile = join(runDir, 'zfs-fault');
  return {
    daemon,
    layer: {
      beUuid,
      control,
      setZfsFault(fault) {
        if (fault === undefined) rmSync(faultFile, { force: true });
        else writeFileSync(faultFile, `${fault.pattern}\n${fault.zone ?? ''}\n${fault.hang ? 'hang' : ''}\n`);
      },
    },
  };
}
