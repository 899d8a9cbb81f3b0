import { ParseError } from './parseError';
import { parseSize } from './units';

/** What a pool's `scan:` lines say (`zpool status`). */
export type ScanStatus =
  | { kind: 'none' }
  | { kind: 'resilver' | 'scrub'; state: 'finished'; processedBytes: number; seconds: number; errors: number }
  | { kind: 'resilver' | 'scrub'; state: 'canceled' }
  | {
      kind: 'resilver' | 'scrub';
      state: 'in-progress';
      /** Examined so far, and of how much (Solaris 11.0–11.3 and illumos print both; 11.4 only the first). */
      scannedBytes?: number;
      totalBytes?: number;
      /** Resilvered (or, for a scrub, repaired) so far. */
      processedBytes?: number;
      bytesPerSec?: number;
      percent?: number;
      /** Absent when zpool says the scan is too slow to estimate (over 30 days). */
      secondsToGo?: number;
    };

/** `0h32m` (11.0–11.3) or `1m35s`/`2h3m4s` (later 11.4 SRUs) as seconds. */
function durationSeconds(text: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') throw new ParseError('zpool status', text, 'expected a duration like 0h32m or 1m35s');
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * The `scan:` lines of `zpool status`, in every form (Solaris 11.0 zpool_main.c print_scan_status;
 * Oracle's 11.4 "Viewing Resilvering Status"; docs/solaris-commands.md#zpool):
 * - `none requested`
 * - `resilvered 16.2G in 0h16m with 0 errors on <date>` / `scrub repaired 0 in 0h5m with 0 errors on …`
 * - `resilver canceled on <date>`
 * - 11.0–11.3: `resilver in progress since <date>` / `13.3G scanned out of 47.9G at 18.5M/s, 0h32m to go`
 *   (or `, (scan is slow, no estimated time)`) / `13.3G resilvered, 27.71% done`
 * - 11.4: `… since <date>` / `13.3G scanned` / `13.3G resilvered at 18.5M/s, 82.34% done, 0h2m to go`
 */
export function parseScanLines(lines: readonly string[]): ScanStatus {
  const [first = '', ...rest] = lines.map((l) => l.trim());
  if (first === 'none requested') return { kind: 'none' };
  const finished = /^(resilvered|scrub repaired) (\S+) in (\S+) with (\d+) errors on /.exec(first);
  if (finished)
    return {
      kind: finished[1] === 'resilvered' ? 'resilver' : 'scrub',
      state: 'finished',
      processedBytes: parseSize(finished[2]!),
      seconds: durationSeconds(finished[3]!),
      errors: Number(finished[4]),
    };
  const canceled = /^(resilver|scrub) canceled on /.exec(first);
  if (canceled) return { kind: canceled[1] as 'resilver' | 'scrub', state: 'canceled' };
  const running = /^(resilver|scrub) in progress since /.exec(first);
  if (!running) throw new ParseError('zpool status', first, 'unknown scan line');
  const scan: Extract<ScanStatus, { state: 'in-progress' }> = {
    kind: running[1] as 'resilver' | 'scrub',
    state: 'in-progress',
  };
  for (const line of rest) {
    // 11.0–11.3: "X scanned out of Y at R/s, T to go"; 11.4: "X scanned".
    const scanned =
      /^(\S+) scanned(?: out of (\S+) at (\S+)\/s, (?:(\S+) to go|\(scan is slow, no estimated time\)))?$/.exec(line);
    // 11.0–11.3: "X resilvered, P% done"; 11.4: "X resilvered at R/s, P% done, T to go" (scrubs say "repaired").
    const done = /^(\S+) (?:resilvered|repaired)(?: at (\S+)\/s)?, ([\d.]+)% done(?:, (\S+) to go)?$/.exec(line);
    if (scanned) {
      scan.scannedBytes = parseSize(scanned[1]!);
      if (scanned[2] !== undefined) scan.totalBytes = parseSize(scanned[2]);
      if (scanned[3] !== undefined) scan.bytesPerSec = parseSize(scanned[3]);
      if (scanned[4] !== undefined) scan.secondsToGo = durationSeconds(scanned[4]);
    } else if (done) {
      scan.processedBytes = parseSize(done[1]!);
      if (done[2] !== undefined) scan.bytesPerSec = parseSize(done[2]);
      scan.percent = Number(done[3]);
      if (done[4] !== undefined) scan.secondsToGo = durationSeconds(done[4]);
    } else throw new ParseError('zpool status', line, 'unknown scan progress line');
  }
  return scan;
}
