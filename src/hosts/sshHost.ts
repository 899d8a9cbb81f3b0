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
import { SshSessions } from './sshSessions';

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

/** ssh2's error for SSH_MSG_CHANNEL_OPEN_FAILURE ("(SSH) Channel open failure: open failed"). */
function isOpenFailure(err: Error): boolean {
  return err.message.startsWith('(SSH) Channel open failure');
}

function openChannel(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => (err ? reject(err) : resolve(channel)));
  });
}

/**
 * A host reached over SSH: connections opened on first use and shared, one exec channel per
 * command, as many at once per connection as the host's sshd allows (`maxSessions`), reopened by
 * the next command after one drops. The host key must match the inventory, always.
 */
export function createSshHost(entry: SshInventoryHost, opts: SshConnectionOptions = {}): Host {
  const sessions = new SshSessions(() => connectSsh(entry, opts), entry.maxSessions);
  const refused = (err: Error) => new HostUnreachableError(entry.name, `cannot open a channel: ${err.message}`);

  async function start(command: string, signal?: AbortSignal): Promise<RunningCommand> {
    for (let attempt = 1; ; attempt++) {
      const slot = await sessions.acquire(signal);
      const channel = await openChannel(slot.client, command).catch((err: Error) => err);
      if (!(channel instanceof Error)) {
        channel.on('close', () => slot.release());
        return runningChannel(entry.name, channel);
      }
      slot.release();
      // ssh2 says 'Not connected' when its socket is already gone; nothing ran, so a fresh
      // connection is safe. A refusal while other channels are open is sshd's MaxSessions.
      const died = !slot.current || channel.message === 'Not connected';
      if (died) slot.dropConnection();
      const retry = died ? attempt === 1 : isOpenFailure(channel) && slot.saturated();
      if (!retry) throw refused(channel);
    }
  }

  return {
    name: entry.name,
    dialect: entry.dialect,
    exec: async (argv, execOpts) => {
      const command = toRemoteCommand(argv, entry.privilege);
      return collectExec(entry.name, command, () => start(command, execOpts?.signal), execOpts);
    },
    spawn: (argv, spawnOpts) => {
      const command = toRemoteCommand(argv, entry.privilege);
      return exposeSpawned(entry.name, command, () => start(command, spawnOpts?.signal), spawnOpts?.signal);
    },
    close: () => sessions.closeAll(),
  };
}
