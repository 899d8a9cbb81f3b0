import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { progressQuery } from '../../src/contracts/messages';
import { kzLabState, kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';
import { waitFor } from './waitFor';
import { failureOf } from './workflowFailure';

let rig: KzWarmRig;
before(async () => {
  rig = await kzWarmRig();
  rig.addKernelZone('kzc');
});
after(async () => rig.close());

/**
 * Cancels the migration while `during` runs on a host (made slow by `timing`): the command is let
 * finish, the run ends Cancelled, and every host ends as it started, the source guest resumed.
 */
async function cancelDuring(during: RegExp, timing: 'suspendMs' | 'detachMs' | 'attachMs' | 'bootMs') {
  const before = kzLabState(rig.lab);
  const bootId = rig.lab.hosts['node1']!.zone('kzc')!.guest!.bootId;
  const saved = rig.lab.timings[timing];
  rig.lab.timings[timing] = 1500;
  try {
    const handle = await rig.start('kzc');
    await waitFor(`${during.source} running`, () => rig.lab.commandLog.some((c) => c.running && during.test(c.line)));
    await handle.cancel();
    const err = await failureOf(handle, 'should have been cancelled');
    assert.ok(
      err instanceof WorkflowFailedError && err.cause instanceof CancelledFailure,
      `cancelled, got ${String(err)}`,
    );
    assert.equal((await handle.query(progressQuery)).phase, 'rolled-back');
    const ran = rig.lab.commandLog.find((c) => during.test(c.line));
    assert.equal(ran?.exitCode, 0, 'the command was let finish, not cut off');
    assert.deepEqual(kzLabState(rig.lab), before);
    assert.equal(rig.lab.hosts['node1']!.zone('kzc')!.guest!.bootId, bootId, 'the source guest was resumed');
  } finally {
    rig.lab.timings[timing] = saved;
    rig.lab.commandLog.length = 0;
  }
}

test('cancel while the zone is being suspended: the suspend finishes, then the source resumes', async () => {
  await cancelDuring(/zoneadm -z kzc suspend$/, 'suspendMs');
});

test('cancel while the source is being detached', async () => {
  await cancelDuring(/zoneadm -z kzc detach$/, 'detachMs');
});

test('cancel while the zone is being attached on the target', async () => {
  await cancelDuring(/zoneadm -z kzc attach$/, 'attachMs');
});

test('cancel while the zone resumes on the target: it is suspended there again and comes back on the source', async () => {
  await cancelDuring(/zoneadm -z kzc boot$/, 'bootMs');
});
