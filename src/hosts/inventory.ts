import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import ssh2 from 'ssh2';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InventoryError } from './errors';
import type { Dialect } from './host';
import type { Privilege } from './privilege';

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

const requiredString = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'required' : `expected ${what}`) }).min(1, {
    error: `expected ${what}`,
  });

const portError = { error: 'expected integer 1-65535' };
const sessionsError = { error: 'expected integer 1-100' };

const isPublicKey = (line: string): boolean => {
  const parsed = ssh2.utils.parseKey(line);
  return !(parsed instanceof Error) && !Array.isArray(parsed);
};

const hostFields = {
  address: requiredString('a host name or IP address')
    .regex(/^[A-Za-z0-9][A-Za-z0-9.:_-]*$/, { error: 'expected a host name or IP address' })
    .optional(),
  port: z.int(portError).min(1, portError).max(65535, portError).default(22),
  user: requiredString('a user name')
    .regex(/^[A-Za-z_][A-Za-z0-9._-]*$/, { error: 'expected a user name' })
    .optional(),
  // A pasted key would be echoed by every error that names the field, and retried into history.
  privateKey: requiredString('a file path')
    .refine((v) => !/[\r\n]/.test(v) && !v.includes('-----BEGIN'), {
      error: 'expected the path of a key file, not the key itself',
    })
    .optional(),
  /** A file holding the passphrase of an encrypted privateKey. */
  passphraseFile: requiredString('a file path')
    .refine((v) => !/[\r\n]/.test(v), { error: 'expected the path of a file holding the passphrase' })
    .optional(),
  knownHosts: requiredString('a file path').optional(),
  hostKey: requiredString('a public key such as "ssh-ed25519 AAAA…"')
    .refine(isPublicKey, { error: 'expected a public key such as "ssh-ed25519 AAAA…"' })
    .optional(),
  privilege: z.enum(['none', 'pfexec', 'sudo'], { error: 'expected one of none, pfexec, sudo' }).default('none'),
  dialect: z.enum(['solaris11', 'illumos'], { error: 'expected one of solaris11, illumos' }).default('solaris11'),
  transport: z.enum(['ssh', 'local'], { error: 'expected one of ssh, local' }).default('ssh'),
  // OpenSSH's MaxSessions default (servconf.h DEFAULT_SESSIONS_MAX).
  maxSessions: z.int(sessionsError).min(1, sessionsError).max(100, sessionsError).default(10),
};

type HostAsWritten = Omit<SshInventoryHost, 'name'> | Omit<LocalInventoryHost, 'name'>;

const hostSchema = z
  .strictObject(hostFields, { error: 'expected a mapping of host settings' })
  .transform((host, ctx): HostAsWritten => {
    const { privilege, dialect, address, user, port, privateKey, passphraseFile, knownHosts, hostKey, maxSessions } =
      host;
    if (host.transport === 'local') return { transport: 'local', privilege, dialect };
    if (address === undefined) ctx.addIssue({ code: 'custom', path: ['address'], message: 'required' });
    if (user === undefined) ctx.addIssue({ code: 'custom', path: ['user'], message: 'required' });
    const oneHostKeySource = (knownHosts === undefined) !== (hostKey === undefined);
    if (!oneHostKeySource) {
      ctx.addIssue({ code: 'custom', path: [], message: 'exactly one of knownHosts or hostKey is required' });
    }
    if (address === undefined || user === undefined || !oneHostKeySource) return z.NEVER;
    return {
      transport: 'ssh',
      address,
      port,
      user,
      privilege,
      dialect,
      maxSessions,
      ...(privateKey !== undefined && { privateKey }),
      ...(passphraseFile !== undefined && { passphraseFile }),
      ...(knownHosts !== undefined && { knownHosts }),
      ...(hostKey !== undefined && { hostKey }),
    };
  });

/** The inventory file as written: defaults applied, key paths not yet resolved. */
export const inventorySchema = z.strictObject(
  {
    hosts: z.record(
      z.string().regex(HOST_NAME, { error: 'invalid host name (letters, digits, "_", ".", "-"; at most 63)' }),
      hostSchema,
      { error: (issue) => (issue.input === undefined ? 'required' : 'expected a mapping of host names') },
    ),
  },
  { error: 'expected a mapping with a "hosts" key' },
);

interface InventoryHostBase {
  name: string;
  privilege: Privilege;
  dialect: Dialect;
}

export interface SshInventoryHost extends InventoryHostBase {
  transport: 'ssh';
  address: string;
  port: number;
  user: string;
  /** Absolute path; without it the ssh-agent at SSH_AUTH_SOCK authenticates. */
  privateKey?: string;
  /** Absolute path of the file holding the privateKey's passphrase, if it is encrypted. */
  passphraseFile?: string;
  /** Absolute path of an OpenSSH known_hosts file; exactly one of knownHosts / hostKey is set. */
  knownHosts?: string;
  hostKey?: string;
  /** Commands run at once over one connection: the host sshd's MaxSessions. */
  maxSessions: number;
}

export interface LocalInventoryHost extends InventoryHostBase {
  transport: 'local';
}

export type InventoryHost = SshInventoryHost | LocalInventoryHost;

export interface Inventory {
  /** The file the inventory was loaded from. */
  file: string;
  /** By host name; has no prototype, so only defined names are found. */
  hosts: Readonly<Record<string, InventoryHost>>;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = (path: readonly PropertyKey[]) => (path.length > 0 ? `${path.map(String).join('.')}: ` : '');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${at([...issue.path, key])}unknown field`).join('; ');
  }
  if (issue.code === 'invalid_key') return `${at(issue.path)}${issue.issues[0]?.message ?? issue.message}`;
  return `${at(issue.path)}${issue.message}`;
}

/** Names the host and makes key paths absolute, relative to the inventory's folder. */
function resolveHost(name: string, host: HostAsWritten, folder: string): InventoryHost {
  if (host.transport === 'local') return { name, ...host };
  return {
    name,
    ...host,
    ...(host.privateKey !== undefined && { privateKey: resolve(folder, host.privateKey) }),
    ...(host.passphraseFile !== undefined && { passphraseFile: resolve(folder, host.passphraseFile) }),
    ...(host.knownHosts !== undefined && { knownHosts: resolve(folder, host.knownHosts) }),
  };
}

/** Reads and validates an inventory; every problem is reported as one line naming the file and the field. */
export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InventoryError(`${path}: cannot read: ${(err as Error).message}`);
  }
  const doc = parseDocument(text);
  const yamlError = doc.errors[0];
  if (yamlError) throw new InventoryError(`${path}: ${yamlError.message.split('\n')[0]}`);

  const parsed = inventorySchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    throw new InventoryError(`${path}: ${first ? describeIssue(first) : 'invalid'}${more}`);
  }

  const folder = dirname(resolve(path));
  const hosts: Record<string, InventoryHost> = Object.create(null);
  for (const [name, host] of Object.entries(parsed.data.hosts)) hosts[name] = resolveHost(name, host, folder);
  return { file: path, hosts };
}
