import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { historyText } from './historyText';
import { labState } from './hostState';
import { failureOf } from './workflowFailure';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig();
});
after(async () => rig.close());

test('a host presenting another key fails the migration at once, non-retryable, changing nothing', async () => {
  const before = labState(rig.lab);
  await rig.lab.rotateHostKey('node2');
  const started = rig.lab.commandLog.length;
  const handle = await rig.start();
  const err = await failureOf(handle, 'should fail');
  assert.ok(err instanceof WorkflowFailedError);
  assert.match(err.cause?.message ?? '', /host key mismatch/);
  assert.equal(rig.lab.commandLog.slice(started).filter((c) => c.host === 'node2').length, 0, 'node2 ran nothing');
  assert.deepEqual(labState(rig.lab), before);
});

test('a private key zmig cannot use fails once as InventoryInvalid, and its contents never reach the history', async () => {
  const keyFile = join(rig.lab.dir, 'id_ed25519');
  const key = readFileSync(keyFile, 'utf8');
  const secret = 'SECRETKEYMATERIAL0123456789abcdef';
  writeFileSync(keyFile, `-----BEGIN OPENSSH PRIVATE KEY-----\n${secret}\n-----END OPENSSH PRIVATE KEY-----\n`);
  await rig.pool.closeAll();
  try {
    const handle = await rig.start();
    const err = await failureOf(handle, 'should fail');
    assert.ok(err instanceof WorkflowFailedError);
    assert.match(err.cause?.message ?? '', /privateKey \S+id_ed25519 cannot be used/);
    const history = historyText(await handle.fetchHistory());
    assert.match(history, /cannot be used/, 'payloads are searched decoded');
    assert.ok(!history.includes(secret), 'the key is nowhere in the history');
    assert.equal((history.match(/"activityTaskStartedEventAttributes"/g) ?? []).length, 1, 'not retried');
  } finally {
    writeFileSync(keyFile, key);
  }
});
