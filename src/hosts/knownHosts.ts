import { createHmac } from 'node:crypto';
import ssh2 from 'ssh2';

/** A host key the inventory trusts: its type (for algorithm negotiation) and SSH wire-format blob. */
export interface TrustedKey {
  type: string;
  blob: Buffer;
}

/** Reads one `type base64 [comment]` public key; undefined when it is not one. */
export function parsePublicKey(line: string): TrustedKey | undefined {
  const parsed = ssh2.utils.parseKey(line);
  if (parsed instanceof Error || Array.isArray(parsed)) return undefined;
  return { type: parsed.type, blob: parsed.getPublicSSH() };
}

/** OpenSSH names a host on a non-default port `[address]:port`. */
export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split('|');
  if (salt === undefined || hash === undefined) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** A comma-separated pattern list matches when some pattern matches and no negated (`!`) one does. */
function hostPatternsMatch(patterns: string, name: string): boolean {
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const hit = body.startsWith('|1|') ? hashedMatches(body, name) : globMatches(body, name);
    if (hit && negated) return false;
    if (hit) matched = true;
  }
  return matched;
}

/**
 * The keys an OpenSSH known_hosts text trusts for `name` (plain, `[host]:port`, wildcard and hashed `|1|`
 * entries), minus any marked `@revoked`. `@cert-authority` lines are not host keys and are skipped.
 */
export function knownHostsKeys(text: string, name: string): TrustedKey[] {
  const trusted: TrustedKey[] = [];
  const revoked: Buffer[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [patterns, type, base64] = fields;
    if (patterns === undefined || type === undefined || base64 === undefined) continue;
    if ((marker !== undefined && marker !== '@revoked') || !hostPatternsMatch(patterns, name)) continue;
    const key = parsePublicKey(`${type} ${base64}`);
    if (!key) continue;
    if (marker === '@revoked') revoked.push(key.blob);
    else trusted.push(key);
  }
  return trusted.filter((key) => !revoked.some((blob) => blob.equals(key.blob)));
}
