import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { Lab } from '../../src/sim/lab';

const { Client } = ssh2;

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A minimal SSH client for the simulator tests (src/hosts is tested on its own). */
export class TestConnection {
  private constructor(private readonly client: InstanceType<typeof Client>) {}

  static async open(lab: Lab, host: string): Promise<TestConnection> {
    const client = new Client();
    const port = lab.ports[host];
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', reject);
      client.connect({
        host: '127.0.0.1',
        port,
        username: 'root',
        privateKey: readFileSync(join(lab.dir, 'id_ed25519')),
      });
    });
    client.on('error', () => undefined);
    return new TestConnection(client);
  }

  /**
   * Starts a command; the channel is returned for streaming tests. Its outcome is listened to at
   * once, inside ssh2's callback: a fast command's exit status can arrive in the same read as the
   * exec reply, before a listener added after the promise resolves.
   */
  channel(line: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      this.client.exec(line, (err, channel) => {
        if (err) return reject(err);
        const exit: { code: number | null } = { code: null };
        channel.on('exit', (c: number | null) => {
          exit.code = c;
        });
        exits.set(channel, exit);
        resolve(channel);
      });
    });
  }

  /** Runs a command with optional stdin; resolves when the channel closes. */
  async run(line: string, stdin?: string | Buffer): Promise<Result> {
    const channel = await this.channel(line);
    return collect(channel, stdin);
  }

  closed(): Promise<void> {
    return new Promise((resolve) => this.client.once('close', () => resolve()));
  }

  end(): void {
    this.client.end();
  }
}

const exits = new WeakMap<ClientChannel, { code: number | null }>();

/**
 * Listens to a channel until it closes: its stdout, stderr and exit code (null if none came). Data
 * listeners are added only here, so a channel that is piped instead loses no bytes to them.
 */
export function outcome(channel: ClientChannel): Promise<Result> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const exit = exits.get(channel) ?? { code: null };
    if (!exits.has(channel)) {
      channel.on('exit', (c: number | null) => {
        exit.code = c;
      });
    }
    channel.on('data', (d: Buffer) => out.push(d));
    channel.stderr.on('data', (d: Buffer) => err.push(d));
    channel.on('close', () =>
      resolve({ code: exit.code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** Sends stdin (or just EOF) and waits for the channel's outcome. */
export function collect(channel: ClientChannel, stdin?: string | Buffer): Promise<Result> {
  const result = outcome(channel);
  if (stdin !== undefined) channel.end(stdin);
  else channel.end();
  return result;
}

/** Runs one command on a lab host over a fresh connection. */
export async function run(lab: Lab, host: string, line: string, stdin?: string | Buffer): Promise<Result> {
  const conn = await TestConnection.open(lab, host);
  try {
    return await conn.run(line, stdin);
  } finally {
    conn.end();
  }
}

/** The relay transport: pipes a send's stdout into a receive's stdin over two SSH channels. */
export async function relay(
  lab: Lab,
  from: { host: string; line: string },
  to: { host: string; line: string },
): Promise<{ send: Result; receive: Result }> {
  const source = await TestConnection.open(lab, from.host);
  const target = await TestConnection.open(lab, to.host);
  try {
    const sendChannel = await source.channel(from.line);
    const receiveChannel = await target.channel(to.line);
    const sendDone = outcome(sendChannel);
    const receiveDone = outcome(receiveChannel);
    sendChannel.pipe(receiveChannel);
    const receive = await receiveDone;
    // ssh2 reports 'close' only once the output was read to the end: keep draining what is left.
    sendChannel.unpipe(receiveChannel);
    sendChannel.resume();
    if (receive.code !== 0) sendChannel.close();
    const send = await sendDone;
    return { send, receive };
  } finally {
    source.end();
    target.end();
  }
}
