import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { HostKeyMismatchError, HostUnreachableError, InventoryError } from './errors';
import type { SshInventoryHost } from './inventory';
import { knownHostsKeys, knownHostsName, parsePublicKey, type TrustedKey } from './knownHosts';

export interface SshConnectionOptions {
  /** Handshake + authentication must finish within this (default 20 s). */
  connectTimeoutMs?: number;
  /** Called once per established connection (benchmarks count them). */
  onHandshake?: () => void;
}

/** Probes a silent peer every 15 s and gives up after 4 misses, so a dead link fails its commands. */
const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 4;

async function readConfigFile(entry: SshInventoryHost, field: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    // passphraseFile's value is never echoed: a passphrase pasted there instead of its file's path
    // would otherwise land in the failure, and so in workflow history.
    const named = field === 'passphraseFile' ? '' : ` ${path}`;
    throw new InventoryError(
      `${entry.name}: cannot read ${field}${named}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
}

/** Re-read at every connect, so an edited known_hosts takes effect without restarting the worker. */
export async function trustedKeys(entry: SshInventoryHost): Promise<TrustedKey[]> {
  if (entry.hostKey !== undefined) {
    const key = parsePublicKey(entry.hostKey);
    return key ? [key] : [];
  }
  if (entry.knownHosts === undefined) return [];
  const text = await readConfigFile(entry, 'knownHosts', entry.knownHosts);
  return knownHostsKeys(text, knownHostsName(entry.address, entry.port));
}

/** Offer only the algorithms of keys we trust, so a server with several host keys presents the one we know. */
function hostKeyAlgorithms(keys: readonly TrustedKey[]): ConnectConfig['algorithms'] {
  if (keys.length === 0) return undefined;
  const algorithms = keys.flatMap((key) =>
    key.type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [key.type],
  );
  return { serverHostKey: [...new Set(algorithms)] as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] };
}

function fingerprint(key: Buffer | undefined): string {
  if (!key) return 'no key';
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The private key, checked before connecting: a key ssh2 cannot use (wrong format, encrypted
 * without passphraseFile, wrong passphrase) is a configuration error, named by its path only.
 */
async function clientKey(entry: SshInventoryHost): Promise<{ privateKey: string; passphrase?: string } | undefined> {
  if (entry.privateKey === undefined) return undefined;
  const privateKey = await readConfigFile(entry, 'privateKey', entry.privateKey);
  const passphrase =
    entry.passphraseFile === undefined
      ? undefined
      : (await readConfigFile(entry, 'passphraseFile', entry.passphraseFile)).replace(/\r?\n$/, '');
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    const hint =
      /encrypted/i.test(parsed.message) && passphrase === undefined
        ? ' (an encrypted key needs passphraseFile in the inventory)'
        : '';
    throw new InventoryError(`${entry.name}: privateKey ${entry.privateKey} cannot be used: ${parsed.message}${hint}`);
  }
  return passphrase === undefined ? { privateKey } : { privateKey, passphrase };
}

/** Opens one authenticated connection whose host key matched the inventory. */
export async function connectSsh(entry: SshInventoryHost, opts: SshConnectionOptions = {}): Promise<Client> {
  const [key, trusted] = await Promise.all([clientKey(entry), trustedKeys(entry)]);
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let presented: Buffer | undefined;
    let keyRefused = false;
    client.on('ready', () => {
      // Each command is a few small packets (channel open, exec, EOF): with Nagle's algorithm each
      // waits for the host's delayed ACK, about 40 ms a command (measured against the simulator).
      client.setNoDelay(true);
      opts.onHandshake?.();
      resolve(client);
    });
    // Stays attached for the connection's life: later errors surface as failed commands, never as crashes.
    client.on('error', (err: Error & { level?: string }) => {
      if (keyRefused) reject(new HostKeyMismatchError(entry.name, fingerprint(presented)));
      else if (err.level === 'client-authentication') {
        // The host refused the inventory's key: a configuration to fix, which no retry changes.
        reject(
          new InventoryError(
            `${entry.name}: authentication as ${entry.user} failed: the host does not accept the inventory's privateKey for that user (check its authorized_keys)`,
          ),
        );
      } else reject(new HostUnreachableError(entry.name, err.message));
    });
    client.on('close', () => reject(new HostUnreachableError(entry.name, 'connection closed during handshake')));
    client.connect({
      host: entry.address,
      port: entry.port,
      username: entry.user,
      ...(key ?? { agent: process.env['SSH_AUTH_SOCK'] }),
      readyTimeout: opts.connectTimeoutMs ?? 20_000,
      keepaliveInterval: KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      algorithms: hostKeyAlgorithms(trusted),
      hostVerifier: (key: Buffer) => {
        presented = key;
        keyRefused = !trusted.some((t) => t.blob.equals(key));
        return !keyRefused;
      },
    });
  });
}
