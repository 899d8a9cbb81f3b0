import type { Client, ClientChannel } from 'ssh2';
import { collectExec } from './collectExec';
import { HostUnreachableError } from './errors';
import { signalExitCode } from './exitCode';
import type { Host } from './host';
import type { SshInventoryHost } from './inventory';
import { toRemoteCommand } from './quote';
import type { RunningCommand } from './runningCommand';
import { exposeSpawned } from './spawnedCommand';
import { connectSsh, type SshConnectionOptions } from './sshConnection';

const ignore = (): void => {};

function runningChannel(host: string, channel: ClientChannel): RunningCommand {
  for (const stream of [channel, channel.stderr]) stream.on('error', ignore);
  let exitCode: number | undefined;
  channel.on('exit', (code: number | null, signal?: string) => {
    exitCode = code ?? signalExitCode(signal ?? 'SIGKILL');
  });
  // 'close' follows the end of stdout; waiting for stderr's end too means all output has arrived.
  const closed = new Promise<void>((resolve) => channel.on('close', () => resolve()));
  const stderrEnded = new Promise<void>((resolve) => channel.stderr.on('end', () => resolve()));
  const exited = Promise.all([closed, stderrEnded]).then(() => {
    if (exitCode !== undefined) return exitCode;
    throw new HostUnreachableError(host, 'connection lost before the command reported its exit status');
  });
  return {
    stdin: channel,
    stdout: channel,
    stderr: channel.stderr,
    exited,
    kill: () => {
      if (exitCode !== undefined) return;
      channel.signal('KILL');
      channel.close();
    },
  };
}

function openChannel(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => (err ? reject(err) : resolve(channel)));
  });
}

/**
 * A host reached over one shared SSH connection: opened on first use, one exec channel per command,
 * reopened by the next command after it drops. The host key must match the inventory, always.
 */
export function createSshHost(entry: SshInventoryHost, opts: SshConnectionOptions = {}): Host {
  let connection: Promise<Client> | undefined;

  function connect(): Promise<Client> {
    if (connection) return connection;
    const attempt = connectSsh(entry, opts);
    connection = attempt;
    const forget = () => {
      if (connection === attempt) connection = undefined;
    };
    attempt.then((client) => client.on('end', forget).on('close', forget), forget);
    return attempt;
  }

  const refused = (err: Error) => new HostUnreachableError(entry.name, `cannot open a channel: ${err.message}`);

  async function start(command: string): Promise<RunningCommand> {
    const attempt = connect();
    const client = await attempt;
    const channel = await openChannel(client, command).catch((err: Error) => err);
    if (!(channel instanceof Error)) return runningChannel(entry.name, channel);
    // ssh2 says 'Not connected' when its socket is already gone; nothing ran, so a fresh connection is safe.
    const died = connection !== attempt || channel.message === 'Not connected';
    if (!died) throw refused(channel);
    client.end();
    if (connection === attempt) connection = undefined;
    const retried = await openChannel(await connect(), command).catch((err: Error) => err);
    if (retried instanceof Error) throw refused(retried);
    return runningChannel(entry.name, retried);
  }

  return {
    name: entry.name,
    dialect: entry.dialect,
    exec: async (argv, execOpts) => {
      const command = toRemoteCommand(argv, execOpts?.unprivileged ? 'none' : entry.privilege);
      return collectExec(entry.name, command, () => start(command), execOpts);
    },
    spawn: (argv, spawnOpts) => {
      const command = toRemoteCommand(argv, entry.privilege);
      return exposeSpawned(entry.name, command, () => start(command), spawnOpts?.signal);
    },
    close: async () => {
      const current = connection;
      connection = undefined;
      const client = await current?.catch(() => undefined);
      if (!client) return;
      await new Promise<void>((resolve) => {
        client.once('close', () => resolve());
        client.end();
      });
    },
  };
}
