import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startTransferHeartbeat, transferProgress } from '../../src/activities/zfs/transferProgress';

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

test('the heartbeat is the generic activity progress: label, bytes, and percent and ETA only for a known size', () => {
  assert.deepEqual(transferProgress('send pool/www', 250, 1000, 5), {
    label: 'send pool/www',
    bytes: 250,
    total: 1000,
    bytesPerSec: 50,
    percent: 25,
    etaSeconds: 15,
  });
  assert.deepEqual(transferProgress('send -i pool/www', 250, 0, 5), {
    label: 'send -i pool/www',
    bytes: 250,
    bytesPerSec: 50,
  });
  assert.deepEqual(transferProgress('send pool/www', 0, 1000, 0), {
    label: 'send pool/www',
    bytes: 0,
    total: 1000,
    bytesPerSec: 0,
    percent: 0,
  });
  // A full stream larger than `used` (metadata): the total grows, never a percentage over 100.
  assert.equal(transferProgress('send pool/www', 1200, 1000, 1).percent, 100);
});
