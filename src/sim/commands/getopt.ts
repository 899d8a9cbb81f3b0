export interface Options {
  /** Every occurrence of each option letter, with its argument ('' for flags). */
  opts: Map<string, string[]>;
  operands: string[];
}

/**
 * POSIX getopt as Solaris commands use it: `spec` like 'rHo:d:' (a colon marks an option that takes
 * an argument), clustered flags (`-rc`), stops at the first operand or `--`. Returns the offending
 * letter on error.
 */
export function getopt(args: readonly string[], spec: string): Options | { badOption: string } {
  const opts = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j] ?? '';
      const at = spec.indexOf(letter);
      if (at < 0 || letter === ':') return { badOption: letter };
      const list = opts.get(letter) ?? [];
      opts.set(letter, list);
      if (spec[at + 1] !== ':') {
        list.push('');
        continue;
      }
      const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
      if (value === undefined) return { badOption: letter };
      list.push(value);
      break;
    }
  }
  return { opts, operands: args.slice(i) };
}

export function has(o: Options, letter: string): boolean {
  return o.opts.has(letter);
}

export function last(o: Options, letter: string): string | undefined {
  return o.opts.get(letter)?.at(-1);
}
