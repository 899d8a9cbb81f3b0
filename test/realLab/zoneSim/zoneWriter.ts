import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimHost } from '../../../src/sim/simHost';

export interface WriterSpec {
  zone: string;
  /** A directory on the zone's real ZFS (its zonepath dataset). */
  dir: string;
  files: number;
  bytes: number;
}

const TICK_MS = 20;

/**
 * An application inside a zone: while the zone is running it keeps rewriting its files with new
 * random content. Each write is synchronous, so it happens entirely before or after a zone state
 * change in this process: once shutdown has begun nothing more is written, and the files on the
 * source at the final snapshot are exactly those at shutdown.
 */
export function startZoneWriter(host: SimHost, spec: WriterSpec): { writes(): number; stop(): void } {
  mkdirSync(spec.dir, { recursive: true });
  let writes = 0;
  const timer = setInterval(() => {
    if (host.zone(spec.zone)?.state !== 'running') return;
    writeFileSync(join(spec.dir, `f${randomInt(spec.files)}`), randomBytes(spec.bytes));
    writes += 1;
  }, TICK_MS);
  return { writes: () => writes, stop: () => clearInterval(timer) };
}
