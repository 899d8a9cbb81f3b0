import { ParseError } from './parseError';

const unitExponents: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7 };

/**
 * Bytes from a ZFS-style size: `1048576`, `512M`, `10G`, `1.5T`, also `1.20GB`/`4GiB` as
 * `zfs receive -v` and operators write them. Units are powers of 1024.
 */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([KMGTPEZ]?)(?:i?B)?$/i.exec(text.trim());
  if (match === null) throw new ParseError('size', text, 'expected a number with an optional K/M/G/T/P/E suffix');
  const [, number = '', unit = ''] = match;
  const exponent = unitExponents[unit.toUpperCase()] ?? 0;
  const bytes = Math.round(Number(number) * 1024 ** exponent);
  if (!Number.isSafeInteger(bytes)) throw new ParseError('size', text, 'too large');
  return bytes;
}

/**
 * A byte count as `zfs get -p` prints it: digits only. Anything else (`-`, `1.2G`, an empty field)
 * is a ParseError, never NaN: `NaN < need` is false, so a garbled value would pass a space check.
 */
export function parseExactBytes(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new ParseError(what, text, 'expected a byte count (digits only)');
  const bytes = Number(text);
  if (!Number.isSafeInteger(bytes)) throw new ParseError(what, text, 'too large');
  return bytes;
}

const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

/**
 * Human-readable size the way zfs prints it (libzfs nicenum): `512`, `16G`, `1.20G`,
 * `12.5M`, `123G` — at most three significant digits.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`cannot format ${bytes} as a size`);
  let index = 0;
  while (index < units.length - 1 && bytes >= 1024 ** (index + 1)) index++;
  const unit = units[index] ?? '';
  const value = bytes / 1024 ** index;
  if (Number.isInteger(value)) return `${value}${unit}`;
  for (const digits of [2, 1, 0]) {
    const text = value.toFixed(digits);
    if (text.length <= 4) return `${text}${unit}`;
  }
  return `${value.toFixed(0)}${unit}`;
}
