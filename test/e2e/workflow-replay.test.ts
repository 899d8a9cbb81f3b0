import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { PROCEDURES } from '../../src/client/procedures/registry';
import { workflowBundle } from './coldMoveHarness';

/**
 * Every history recorded by scripts/record-history.ts, old and new, replays against today's code:
 * a worker upgraded while migrations wait at a gate must replay them (docs/upgrades.md).
 */
const fixtures = readdirSync(new URL('../fixtures/', import.meta.url)).filter((f) => f.endsWith('.history.json'));

test('there are recorded histories to replay, a successful and a rolled-back run of each procedure at least', () => {
  for (const procedure of PROCEDURES.map((p) => p.workflowType))
    for (const outcome of ['ok', 'rolled-back'])
      assert.ok(
        fixtures.some((f) => f.startsWith(`${procedure}-${outcome}@`)),
        `${procedure}-${outcome} in ${fixtures.join(', ')}`,
      );
});

for (const name of fixtures) {
  test(`the recorded ${name} replays against the current workflow code`, async () => {
    // The CLI's proto3 JSON export; the worker decodes it itself.
    const history = JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as {
      events: unknown[];
    };
    assert.ok(history.events.length > 10, 'a real history');
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `replay-${name}`);
  });
}
