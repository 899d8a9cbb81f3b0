// The per-host zone simulator of a real-component lab host: started (by pid) inside the host's
// mount namespace as root, it keeps the zones, their configurations and timed transitions, serves
// the zone-layer commands through simClient.mjs, and has real ZFS do every ZFS change they make.
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { FaultInjector } from '../../../src/sim/faults';
import { executeCommandLine } from '../../../src/sim/execute';
import { RELEASES } from '../../../src/sim/model/release';
import { StorageFabric } from '../../../src/sim/model/storageFabric';
import { runArgv } from '../../../src/sim/shell/run';
import { print, type CommandIO } from '../../../src/sim/shell/io';
import { SimHost } from '../../../src/sim/simHost';
import { FAST_TIMINGS } from '../../../src/sim/timings';
import { serveCommand } from './commandServer';
import { controlHandler, type ControlRequest } from './controlOps';
import { RealZfs } from './realZfs';
import { SOCKETS } from './wire';

export interface DaemonConfig {
  name: string;
  /** Where the sockets go: /run/zmig-lab inside the namespace. */
  runDir: string;
  /** The real zfs binary (not the PATH's, which may carry a test's fault wrapper). */
  zfsPath: string;
  /** The global zone's running BE, a real dataset rpool/ROOT/<activeBe> with a libbe uuid. */
  activeBe: string;
}

/** What the login user may run without sudo: the read-only tools zmig runs unprivileged. */
const UNPRIVILEGED = ['beadm', 'dladm', 'uname'];
const SERVED = ['zoneadm', 'zonecfg', 'zlogin', ...UNPRIVILEGED];

/** Zone transitions take long enough to be seen by zmig's polling, short enough for a quick suite. */
const LAB_TIMINGS = { ...FAST_TIMINGS, bootMs: 300, shutdownMs: 300, haltMs: 50, attachMs: 50, detachMs: 50 };

const config = JSON.parse(process.argv[2] ?? '') as DaemonConfig;
const host = new SimHost(config.name, RELEASES.omnios, '127.0.0.1', {
  timings: LAB_TIMINGS,
  faults: new FaultInjector(),
  commandLog: [],
  fabric: new StorageFabric(() => undefined),
  resolve: () => undefined,
  execute: executeCommandLine,
});
host.activeBe = config.activeBe;
const zfs = new RealZfs(config.zfsPath);

/** One command at a time: each sees real ZFS as the previous one left it. */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

function runZoneCommand(privileged: boolean) {
  return (argv: string[], io: CommandIO): Promise<number> =>
    serialised(async () => {
      const name = argv[0] ?? '';
      if (!SERVED.includes(name)) {
        print(io.stderr, `${name}: not a zone-layer command of this lab host\n`);
        return 127;
      }
      if (!privileged && !UNPRIVILEGED.includes(name)) {
        // Lab simplification: the zone commands are served to root only (zmig runs them through sudo).
        print(io.stderr, `${name}: permission denied: the lab serves ${name} to root only\n`);
        return 1;
      }
      const before = await zfs.load(host.zfs);
      const code = await runArgv(host, argv, io);
      const failed = await zfs.apply(before, host.zfs);
      if (failed === undefined) return code;
      print(io.stderr, failed.endsWith('\n') ? failed : `${failed}\n`);
      return code === 0 ? 1 : code;
    });
}

const handle = controlHandler(host);

function serveControl(socket: Socket): void {
  let text = '';
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    const newline = text.indexOf('\n');
    if (newline < 0) return;
    let reply;
    try {
      reply = handle(JSON.parse(text.slice(0, newline)) as ControlRequest);
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    socket.end(`${JSON.stringify(reply)}\n`);
  });
}

function listen(file: string, mode: number, onConnection: (socket: Socket) => void): void {
  const path = join(config.runDir, file);
  rmSync(path, { force: true });
  const server = createServer({ allowHalfOpen: true }, onConnection);
  server.listen(path, () => chmodSync(path, mode));
}

listen(SOCKETS.root, 0o600, (socket) => serveCommand(socket, runZoneCommand(true)));
listen(SOCKETS.user, 0o666, (socket) => serveCommand(socket, runZoneCommand(false)));
// Last: its presence tells the lab the daemon is ready.
listen(SOCKETS.control, 0o600, serveControl);

process.on('SIGTERM', () => {
  host.stop();
  process.exit(0);
});
