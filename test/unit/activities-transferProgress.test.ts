import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startTransferHeartbeat } from '../../src/activities/transferProgress';

const base = { dataset: 'rpool/zones/www', kind: 'full' as const, expectedBytes: 1000 };

test('a transfer whose bytes keep moving is never called stalled', async () => {
  const env = new MockActivityEnvironment();
  const stalled = await env.run(async () => {
    const progress = startTransferHeartbeat(base, 60);
    for (let i = 0; i < 10; i++) {
      progress.add(100);
      await delay(20);
    }
    progress.stop();
    return progress.stalled.aborted;
  });
  assert.equal(stalled, false);
});

test('no byte for the stall time aborts with a retryable TransferStalled naming the dataset', async () => {
  const env = new MockActivityEnvironment();
  const reason = await env.run(async () => {
    const progress = startTransferHeartbeat(base, 60);
    progress.add(42);
    await delay(250);
    progress.stop();
    return progress.stalled.reason as unknown;
  });
  assert.ok(reason instanceof ApplicationFailure);
  assert.equal(reason.type, 'TransferStalled');
  assert.equal(reason.nonRetryable, false);
  assert.match(reason.message, /no data moved for 0 s after 42 bytes of rpool\/zones\/www/);
});
