import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { MockActivityEnvironment } from '@temporalio/testing';
import { heartbeatInterceptor, publishProgress, reportProgress, wrapProgress } from '../../src/activities/heartbeat';

function environment(intervalMs: number) {
  const env = new MockActivityEnvironment(undefined, { interceptors: [heartbeatInterceptor(intervalMs)] });
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(details));
  return { env, beats };
}

test('an activity that never heartbeats itself still beats at once and on every interval while it runs', async () => {
  const { env, beats } = environment(20);
  const result = await env.run(async () => {
    await delay(150);
    return 'done';
  });
  assert.equal(result, 'done');
  assert.ok(beats.length >= 4, `${beats.length} beats in 150 ms at a 20 ms interval`);
  assert.ok(beats.every((d) => d === undefined));
  const after = beats.length;
  await delay(80);
  assert.equal(beats.length, after, 'no beat after the activity returned');
});

test('every beat re-sends the latest reported details (a bare beat would erase them on the server)', async () => {
  const { env, beats } = environment(20);
  await env.run(async () => {
    reportProgress({ state: 'shutting_down' });
    await delay(70);
    reportProgress({ state: 'installed' });
    await delay(70);
  });
  const states = beats.map((d) => (d as { state?: string } | undefined)?.state);
  assert.equal(states[0], undefined, 'the interceptor beats before the activity reports anything');
  const firstReport = states.indexOf('shutting_down');
  const secondReport = states.indexOf('installed');
  assert.ok(firstReport > 0 && secondReport > firstReport);
  assert.ok(states.slice(firstReport, secondReport).every((s) => s === 'shutting_down'));
  assert.ok(secondReport < states.length - 1, 'the last details are beaten again');
  assert.ok(states.slice(secondReport).every((s) => s === 'installed'));
});

test('published progress is read at each beat, so counters are as fresh as the beat', async () => {
  const { env, beats } = environment(20);
  await env.run(async () => {
    let bytes = 0;
    publishProgress(() => ({ bytes }));
    for (let i = 0; i < 5; i++) {
      bytes += 100;
      await delay(30);
    }
  });
  const counts = beats.map((d) => (d as { bytes?: number } | undefined)?.bytes).filter((b) => b !== undefined);
  assert.equal(counts[0], 0);
  assert.ok(counts.some((b) => b > 0 && b < 500) && counts.includes(500), `counts seen: ${counts.join(',')}`);
  assert.deepEqual(
    [...counts].sort((a, b) => a - b),
    counts,
    'counts never go backwards',
  );
});

test("a wrapper keeps the loop's own state in every beat while the steps inside it publish theirs", async () => {
  const { env, beats } = environment(20);
  await env.run(async () => {
    let round = 1;
    wrapProgress((inner) => ({ round, inner }));
    publishProgress(() => ({ bytes: 10 }));
    await delay(50);
    round = 2;
    reportProgress(undefined);
    await delay(50);
  });
  const seen = beats.filter((d) => d !== undefined) as { round: number; inner: unknown }[];
  assert.ok(seen.length === beats.length - 1, "only the interceptor's first beat, before the wrapper, is bare");
  assert.deepEqual(seen[0], { round: 1, inner: undefined }, 'wrapping beats at once');
  assert.ok(
    seen.some((d) => d.round === 1 && (d.inner as { bytes?: number } | undefined)?.bytes === 10),
    "the step's progress inside the loop's",
  );
  assert.deepEqual(
    seen.at(-1),
    { round: 2, inner: undefined },
    "the step's progress leaves when it ends; the loop's stays",
  );
});
