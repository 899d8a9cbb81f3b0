import { ParseError } from './parseError';

export function unameVersion(): readonly string[] {
  return ['uname', '-v'];
}

export interface OsRelease {
  family: 'solaris' | 'omnios';
  /** Numeric parts to compare: 11.4.42.111.0 → [11, 4, 42, 111, 0]; omnios-r151046-… → [151046]. */
  parts: number[];
  text: string;
}

/** Reads `uname -v`: `11.3`, `11.4.42.111.0` (Solaris), `omnios-r151046-…` (OmniOS). */
export function parseUnameVersion(stdout: string): OsRelease {
  const text = stdout.trim();
  if (/^11(\.\d+)+$/.test(text)) return { family: 'solaris', parts: text.split('.').map(Number), text };
  const omnios = /^omnios-r(\d+)/.exec(text);
  if (omnios) return { family: 'omnios', parts: [Number(omnios[1])], text };
  throw new ParseError('uname -v', text, 'expected a Solaris 11 release (11.x) or an OmniOS build (omnios-rNNNNNN)');
}

/** Negative, zero or positive as `target` is older than, the same as, or newer than `source`. */
function compareReleases(source: OsRelease, target: OsRelease): number {
  for (let i = 0; i < Math.max(source.parts.length, target.parts.length); i++) {
    const d = (target.parts[i] ?? 0) - (source.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when the target runs a later release or SRU: the zone's packages must be updated on attach. */
export function targetIsNewer(source: OsRelease, target: OsRelease): boolean {
  return compareReleases(source, target) > 0;
}

/**
 * Why a zone cannot move from `source` to `target`, or undefined. Oracle: the target must run the
 * same or a later Oracle Solaris 11 release than the source (Creating and Using Zones, "About
 * Migrating a Zone").
 */
export function releaseMismatch(source: OsRelease, target: OsRelease): string | undefined {
  if (source.family !== target.family)
    return `the source runs ${source.text} and the target ${target.text}: zones move only within one OS family`;
  if (compareReleases(source, target) < 0)
    return `the target runs ${target.text}, older than the source's ${source.text}; the target must run the same or a later release`;
  return undefined;
}
