import type { Client, ClientChannel } from 'ssh2';
import { collectExec } from './collectExec';
import { HostKeyMismatchError, HostUnreachableError, InventoryError } from './errors';
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
    if (exitCode === undefined) throw new HostUnreachableError(host, 'connection lost before the command reported its exit status');
    return exitCode;
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
    attempt.then((client) => client.on('close', forget), forget);
    return attempt;
  }

  async function openOn(attempt: Promise<Client>, command: string): Promise<ClientChannel> {
    try {
      return await openChannel(await attempt, command);
    } catch (err) {
      if (err instanceof HostKeyMismatchError || err instanceof HostUnreachableError || err instanceof InventoryError) {
        throw err;
      }
      throw new HostUnreachableError(entry.name, `cannot open a channel: ${(err as Error).message}`);
    }
  }

  async function start(command: string): Promise<RunningCommand> {
    const attempt = connect();
    try {
      return runningChannel(entry.name, await openOn(attempt, command));
    } catch (err) {
      // A cached connection that dropped meanwhile has been forgotten: one fresh connection is worth a try.
      const dropped = err instanceof HostUnreachableError && connection !== attempt && (await attempt.then(() => true, () => false));
      if (!dropped) throw err;
      return runningChannel(entry.name, await openOn(connect(), command));
    }
  }

  return {
    name: entry.name,
    dialect: entry.dialect,
    exec: async (argv, execOpts) => {
      const command = toRemoteCommand(argv, entry.privilege);
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
