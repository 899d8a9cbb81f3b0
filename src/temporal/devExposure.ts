import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The dev server has no authentication: whoever reaches its port can start workflows, and a
 * coldMove runs as root on every inventory host. A warning when it listens beyond loopback.
 */
export function exposureWarning(ip: string): string | undefined {
  if (ip.startsWith('127.') || ip === '::1' || ip === 'localhost') return undefined;
  return `warning: the Temporal dev server listens on ${ip}, not on loopback, and has no authentication: anyone who reaches that address can run migrations as root on every inventory host. Set ip: 127.0.0.1 in temporal-dev.yml unless that network is yours alone.`;
}

/**
 * The dev database's directory, private to the owner: the database holds every migration's
 * history. The file itself must not exist before the server starts (an empty file is taken for an
 * initialised database), so the server creates it under a 077 umask (see startDevServer).
 */
export function createPrivateDbDirectory(dbFile: string): void {
  const dir = dirname(dbFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A shared directory (sticky like /tmp, or someone else's) is not ours to narrow: the file itself is still private.
  const { mode, uid } = statSync(dir);
  if ((mode & 0o1000) === 0 && uid === process.getuid?.()) chmodSync(dir, 0o700);
}
