import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The dev server has no authentication: whoever reaches its port can start workflows, and a
 * coldMove runs as root on every inventory host. A warning when it listens beyond loopback.
 */
export function exposureWarning(ip: string): string | undefined {
  if (ip.startsWith('127.')) return undefined;
  return `warning: the Temporal dev server listens on ${ip}, not on loopback, and has no authentication: anyone who reaches that address can run migrations as root on every inventory host. Set ip: 127.0.0.1 in temporal-dev.yml unless that network is yours alone.`;
}

/** Creates the dev database (and its directory) readable by the owner only: it holds every migration's history. */
export function createPrivateDbFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  // An existing file keeps its mode through open; tighten it too.
  chmodSync(path, 0o600);
}
