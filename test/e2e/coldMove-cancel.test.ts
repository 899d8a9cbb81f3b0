import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { coldMoveProgressQuery as progressQuery } from '../../src/contracts/coldMove/messages';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { labState } from './hostState';
import { waitFor } from './waitFor';
import { failureOf } from './workflowFailure';

let rig: ColdMoveRig;
before(async () => {
  // Slow transfers so that a cancel lands while bytes are moving.
  rig = await coldMoveRig({ timings: { transferBytesPerSec: 2 * 1024 * 1024 }, sizeBytes: 8 * 1024 * 1024 });
});
after(async () => rig.close());

async function expectCancelled(handle: Awaited<ReturnType<ColdMoveRig['start']>>) {
  const err = await failureOf(handle, 'should have been cancelled');
  assert.ok(
    err instanceof WorkflowFailedError && err.cause instanceof CancelledFailure,
    `cancelled, got ${String(err)}`,
  );
  assert.equal((await handle.describe()).status.name, 'CANCELLED');
}

test('cancel during pre-seed stops the transfer and leaves both hosts as they were', async () => {
  const before = labState(rig.lab);
  const handle = await rig.start();
  await waitFor('the pre-seed transfer to move bytes', async () => {
    const p = await handle.query(progressQuery).catch(() => undefined);
    return p?.steps.find((s) => s.id === 'pre-seed')?.status === 'running' &&
      rig.lab.commandLog.some((c) => /zfs receive/.test(c.line))
      ? true
      : undefined;
  });
  await handle.cancel();
  await expectCancelled(handle);
  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'rolled-back');
  assert.deepEqual(labState(rig.lab), before);
});

test('cancel while waiting at the cutover gate rolls back and ends Cancelled', async () => {
  const before = labState(rig.lab);
  const handle = await rig.start({ cutover: { requireApproval: true, deadlineSeconds: 600, resyncSeconds: 1 } });
  await waitFor('the cutover gate', async () =>
    (await handle.query(progressQuery).catch(() => undefined))?.detail.awaitingApproval ? true : undefined,
  );
  await handle.cancel();
  await expectCancelled(handle);
  assert.equal(rig.lab.hosts['node1']!.zone('www')?.state, 'running', 'the source zone never stopped');
  assert.deepEqual(labState(rig.lab), before);
});

test('cancel while the source is being detached (zone down) waits for zoneadm, then rolls back and ends Cancelled', async () => {
  const before = labState(rig.lab);
  rig.lab.timings.detachMs = 2000;
  try {
    const handle = await rig.start();
    await waitFor(
      'zoneadm detach running',
      () => rig.lab.commandLog.some((c) => c.running && /zoneadm -z www detach$/.test(c.line)),
      120_000,
    );
    await handle.cancel();
    await expectCancelled(handle);
    const detach = rig.lab.commandLog.find((c) => /zoneadm -z www detach$/.test(c.line));
    assert.equal(detach?.exitCode, 0, 'the detach was allowed to finish, not cut off');
    assert.equal(rig.lab.hosts['node1']!.zone('www')?.state, 'running', 'the source zone is attached and booted again');
    assert.deepEqual(labState(rig.lab), before);
  } finally {
    rig.lab.timings.detachMs = 5;
  }
});

test('approve lets a gated migration proceed; the gate outlived more dropped links than a step has attempts', async () => {
  const handle = await rig.start({ cutover: { requireApproval: true, deadlineSeconds: 600, resyncSeconds: 1 } });
  await waitFor('the cutover gate', async () =>
    (await handle.query(progressQuery).catch(() => undefined))?.detail.awaitingApproval ? true : undefined,
  );
  // More drops than the 8 attempts a forward step has: a gate waits for days and must not count them.
  const drops = rig.lab.faults.add({ host: 'node1', match: /zfs snapshot -r/, action: 'disconnect', times: 10 });
  try {
    await waitFor('ten re-sync rounds cut by a dropped link', () => (drops.hits >= 10 ? true : undefined), 120_000);
    const landed = () =>
      rig.lab.commandLog.filter((c) => c.host === 'node1' && /zfs snapshot -r/.test(c.line) && c.exitCode === 0).length;
    const afterDrops = landed();
    await waitFor('a round that lands again', () => (landed() > afterDrops ? true : undefined), 60_000);
  } finally {
    drops.remove();
  }
  assert.match(
    (await handle.executeUpdate('approveCutover', { args: [{ approvedBy: 'test' }] })) as string,
    /approved by test/,
  );
  await handle.result();
  const gate = (await handle.query(progressQuery)).steps.find((s) => s.id === 'cutover-gate');
  assert.match(gate?.detail ?? '', /^approved after \d+ re-sync round\(s\), 10 failed and skipped$/);
  assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
});
