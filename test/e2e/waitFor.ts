import { setTimeout as delay } from 'node:timers/promises';

/** Polls until `check` returns a value (not a timing assertion: the bound only stops a hung test). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  limitMs = 60_000,
): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await delay(50);
  }
}
