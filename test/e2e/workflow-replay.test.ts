import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from './coldMoveHarness';

/** Recorded by scripts/record-history.ts; replaying them against today's code catches nondeterminism. */
for (const name of ['coldMove-ok', 'coldMove-rolled-back']) {
  test(`the recorded ${name} history replays against the current workflow code`, async () => {
    // The CLI's proto3 JSON export; the worker decodes it itself.
    const history = JSON.parse(readFileSync(new URL(`../fixtures/${name}.history.json`, import.meta.url), 'utf8')) as { events: unknown[] };
    assert.ok(history.events.length > 10, 'a real history');
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `replay-${name}`);
  });
}
