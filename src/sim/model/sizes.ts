const SUFFIXES = ' KMGTPE';

/** libzfs zfs_nicenum: 1024-based, at most 5 characters (`1.20G`, `12.5M`, `128K`, `512`). */
export function nicenum(num: number): string {
  let n = num;
  let index = 0;
  while (n >= 1024 && index < 6) {
    n = Math.floor(n / 1024);
    index++;
  }
  const unit = SUFFIXES[index] ?? '';
  if (index === 0) return String(num);
  const scale = 1024 ** index;
  if (num % scale === 0) return `${num / scale}${unit}`;
  for (let digits = 2; digits > 0; digits--) {
    const text = `${(num / scale).toFixed(digits)}${unit}`;
    if (text.length <= 5) return text;
  }
  return `${(num / scale).toFixed(0)}${unit}`;
}

/** `10G`, `512M`, `1.5T`, `4096` → bytes; undefined when not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([KMGTPE]?)B?$/i.exec(text.trim());
  if (!match) return undefined;
  const exponent = SUFFIXES.indexOf((match[2] || ' ').toUpperCase());
  return Math.round(Number(match[1]) * 1024 ** exponent);
}
