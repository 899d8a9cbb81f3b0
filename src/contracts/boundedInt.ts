import { z } from 'zod';

/**
 * A whole number in [min, max], the bound named in the error: an unbounded deadline passes
 * validation and only fails (a timer RangeError) hours into a run.
 */
export function bounded(min: number, max: number, unit: string) {
  const error = { error: `expected a whole number from ${min} to ${max} ${unit}` };
  return z.number(error).int(error).min(min, error).max(max, error);
}
