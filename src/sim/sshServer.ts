import type { AddressInfo } from 'node:net';
import { PassThrough, type Writable } from 'node:stream';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, ServerChannel } from 'ssh2';
import type { CommandIO } from './shell/io';
import type { SimHost } from './simHost';

const { Server } = ssh2;

const STDIN_BUFFER = 1024 * 1024;

export type Executor = (host: SimHost, line: string, io: CommandIO) => Promise<number | null>;

/**
 * Resolves once everything written so far has been handed to the SSH protocol (an empty write's
 * callback runs after all earlier writes), so the exit status never overtakes output.
 */
function flushed(stream: Writable, channel: ServerChannel): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve();
    channel.once('close', () => resolve());
    stream.write(Buffer.alloc(0), () => resolve());
  });
}

/**
 * One simulated host's sshd: its own ed25519 host key, public-key auth for `root` with the lab's
 * client key only, and exec requests run through the host's command interpreter. A closed channel
 * aborts the command it carried.
 */
export class SimSshServer {
  private server: InstanceType<typeof Server> | undefined;
  /** Live connections, each with the abort controllers of the commands it carries. */
  private readonly connections = new Map<Connection, Set<AbortController>>();
  port = 0;

  constructor(
    private readonly host: SimHost,
    private hostKey: string,
    private readonly clientKey: ParsedKey,
    private readonly execute: Executor,
    private readonly maxSessions = 10,
  ) {}

  async listen(port = 0): Promise<number> {
    const server = new Server({ hostKeys: [this.hostKey] }, (client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  private accept(client: Connection): void {
    const commands = new Set<AbortController>();
    this.connections.set(client, commands);
    // A dropped connection stops every command it carried, like sshd killing the session.
    client.on('close', () => {
      this.connections.delete(client);
      for (const controller of commands) controller.abort(new Error('connection closed'));
    });
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      const wanted = this.clientKey;
      if (
        ctx.method !== 'publickey' ||
        ctx.username !== 'root' ||
        ctx.key.algo !== wanted.type ||
        !ctx.key.data.equals(wanted.getPublicSSH())
      ) {
        ctx.reject(['publickey']);
        return;
      }
      if (!ctx.signature) {
        ctx.accept();
        return;
      }
      if (ctx.blob && wanted.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) ctx.accept();
      else ctx.reject(['publickey']);
    });
    let sessions = 0;
    client.on('ready', () => {
      client.on('session', (acceptSession, rejectSession) => {
        // sshd's MaxSessions (OpenSSH session.c session_new; default 10, servconf.h
        // DEFAULT_SESSIONS_MAX): the channel open fails (SSH2_OPEN_CONNECT_FAILED, which ssh2's
        // reject also sends, but without OpenSSH's description "open failed").
        if (sessions >= this.maxSessions) {
          rejectSession();
          return;
        }
        sessions++;
        const session = acceptSession();
        session.once('close', () => sessions--);
        session.on('exec', (acceptExec, _reject, info) => {
          void this.run(client, commands, acceptExec(), info.command);
        });
      });
    });
  }

  private async run(
    client: Connection,
    commands: Set<AbortController>,
    channel: ServerChannel,
    line: string,
  ): Promise<void> {
    const controller = new AbortController();
    commands.add(controller);
    channel.on('close', () => controller.abort(new Error('channel closed')));
    channel.on('error', () => undefined);
    channel.stderr.on('error', () => undefined);
    // ssh2 reports a channel closed by the client only once its input has been read to the end,
    // so the input always flows (into a bounded buffer) even when the command ignores stdin.
    const stdin = new PassThrough({ highWaterMark: STDIN_BUFFER });
    channel.pipe(stdin);
    const io: CommandIO = {
      stdin,
      stdout: channel,
      stderr: channel.stderr,
      signal: controller.signal,
      disconnect: () => client.end(),
    };
    const code = await this.execute(this.host, line, io).finally(() => commands.delete(controller));
    if (code === null || controller.signal.aborted) return;
    await Promise.all([flushed(channel, channel), flushed(channel.stderr, channel)]);
    if (controller.signal.aborted) return;
    channel.exit(code);
    channel.end();
  }

  dropConnections(): void {
    for (const client of this.connections.keys()) client.end();
  }

  async close(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Restarts on the same port with a new host key (for host-key-mismatch tests). */
  async rotateHostKey(hostKey: string): Promise<void> {
    await this.close();
    this.hostKey = hostKey;
    await this.listen(this.port);
  }
}
