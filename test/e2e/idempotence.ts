import assert from 'node:assert/strict';
import type { MockActivityEnvironment } from '@temporalio/testing';
import type { Lab } from '../../src/sim/lab';
import { MUTATING } from './hostState';

/**
 * Runs an activity twice in a row, as a retry after a worker crash would: the second run must run
 * no mutating command and return the same result.
 */
export async function twice<T>(env: MockActivityEnvironment, lab: Lab, what: string, fn: () => Promise<T>): Promise<T> {
  const first = (await env.run(fn)) as T;
  const mark = lab.commandLog.length;
  const second = await env.run(fn);
  assert.deepEqual(
    lab.commandLog
      .slice(mark)
      .filter((c) => MUTATING.test(c.line))
      .map((c) => `${c.host}: ${c.line}`),
    [],
    `${what}: the second run ran mutating commands`,
  );
  assert.deepEqual(second, first, `${what}: same result`);
  return first;
}
