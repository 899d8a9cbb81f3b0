import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { labState } from './hostState';

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
  const err = await handle.result().then(() => assert.fail('should fail'), (e: unknown) => e);
  assert.ok(err instanceof WorkflowFailedError);
  assert.match(err.cause?.message ?? '', /host key mismatch/);
  assert.equal(rig.lab.commandLog.slice(started).filter((c) => c.host === 'node2').length, 0, 'node2 ran nothing');
  assert.deepEqual(labState(rig.lab), before);
});
