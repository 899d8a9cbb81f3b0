import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type Connection, type ParsedKey, type ServerChannel, type Session } from 'ssh2';
import type { SshInventoryHost } from '../../src/hosts/inventory';
import { newEd25519KeyPair } from '../../src/sim/lab';

/** Answers an exec request itself (true), or leaves it to the real /bin/sh (false). */
export type ExecHandler = (command: string, channel: ServerChannel, session: Session) => boolean;

/**
 * A small SSH server for tests, on 127.0.0.1 with a fresh ed25519 host key. Events: 'exec' (command),
 * 'channel-closed' (command), 'signal' (name), 'connection'.
 */
export interface FakeSshd {
  port: number;
  hostPublicKey: string;
  events: EventEmitter;
  execs: string[];
  connections: number;
  /** An inventory entry for this server: client key and known_hosts written to a temp folder. */
  entry(overrides?: Partial<SshInventoryHost>): SshInventoryHost;
  /** Drops every open connection, as a crashed network would. */
  dropConnections(): void;
  close(): Promise<void>;
}

const USER = 'zmig';

function runWithShell(command: string, channel: ServerChannel, session: Session, events: EventEmitter): void {
  // Its own process group, so a signal reaches the whole command line, not just the shell.
  const child = spawn('/bin/sh', ['-c', command], { stdio: 'pipe', detached: true });
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, signal);
    }
  };
  child.stdin.on('error', () => {});
  channel.pipe(child.stdin);
  child.stdout.pipe(channel, { end: false });
  child.stderr.pipe(channel.stderr, { end: false });
  session.on('signal', (_accept, _reject, info) => {
    events.emit('signal', info.name);
    killGroup(`SIG${info.name}` as NodeJS.Signals);
  });
  channel.on('close', () => killGroup('SIGKILL'));
  child.on('close', (code, signal) => {
    // Input nobody will read any more is discarded, or the channel could never finish closing.
    channel.unpipe(child.stdin);
    channel.resume();
    if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
    else channel.exit(code ?? 0);
    channel.end();
  });
}

export async function startFakeSshd(onExec?: ExecHandler): Promise<FakeSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'zmig-sshd-'));
  const hostKeys = newEd25519KeyPair();
  const clientKeys = newEd25519KeyPair();
  const allowed = ssh2.utils.parseKey(clientKeys.public) as ParsedKey;
  await writeFile(join(dir, 'id_ed25519'), clientKeys.private, { mode: 0o600 });

  const events = new EventEmitter();
  const execs: string[] = [];
  const open = new Set<Connection>();
  let connections = 0;

  const server = new ssh2.Server({ hostKeys: [hostKeys.private] }, (client) => {
    connections += 1;
    open.add(client);
    events.emit('connection');
    client.on('error', () => {});
    client.on('close', () => open.delete(client));
    client.on('authentication', (ctx) => {
      const keyOk =
        ctx.method === 'publickey' &&
        ctx.username === USER &&
        ctx.key.algo === allowed.type &&
        ctx.key.data.equals(allowed.getPublicSSH());
      if (!keyOk || ctx.method !== 'publickey') return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) {
        return ctx.reject(['publickey']);
      }
      ctx.accept();
    });
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('exec', (accept, _reject, info) => {
        const channel = accept();
        execs.push(info.command);
        events.emit('exec', info.command);
        channel.on('close', () => events.emit('channel-closed', info.command));
        if (!onExec?.(info.command, channel, session)) runWithShell(info.command, channel, session, events);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKeys.public}\n`);

  return {
    port,
    hostPublicKey: hostKeys.public,
    events,
    execs,
    get connections() {
      return connections;
    },
    entry: (overrides = {}) => ({
      name: 'node1',
      transport: 'ssh',
      address: '127.0.0.1',
      port,
      user: USER,
      privilege: 'none',
      dialect: 'solaris11',
      maxSessions: 10,
      privateKey: join(dir, 'id_ed25519'),
      knownHosts: join(dir, 'known_hosts'),
      ...overrides,
    }),
    dropConnections: () => {
      for (const client of open) client.end();
    },
    close: async () => {
      for (const client of open) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
