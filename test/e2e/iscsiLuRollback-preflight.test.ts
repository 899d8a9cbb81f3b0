import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import type { IscsiLuRollbackRequest } from '../../src/contracts/iscsiLuRollback/input';
import { MUTATING } from './hostState';
import { kzLabState } from './kzWarmMigrateHarness';
import { luRig, must, type LuRig } from './iscsiLuRollbackHarness';
import { failureOf } from './workflowFailure';

let rig: LuRig;
let lu: { guid: string; zvol: string };
before(async () => {
  rig = await luRig();
  lu = rig.addConsumer('kzp');
  await must(rig.lab, 'storage1', `zfs snapshot ${lu.zvol}@snap1`);
  await must(rig.lab, 'storage1', `zfs snapshot ${lu.zvol}@snap2`);
  rig.addConsumer('other');
});
after(async () => rig.close());

/** Starts a rollback that preflight must refuse, and returns the refusal; nothing may have changed. */
async function refused(request: Partial<IscsiLuRollbackRequest>): Promise<string> {
  const before = kzLabState(rig.lab);
  const mark = rig.lab.commandLog.length;
  const err = await failureOf(await rig.rollBack(request), 'preflight should have refused');
  assert.ok(err instanceof WorkflowFailedError);
  assert.deepEqual(
    rig.lab.commandLog.slice(mark).filter((c) => MUTATING.test(c.line)),
    [],
    'no mutating command ran',
  );
  assert.deepEqual(kzLabState(rig.lab), before);
  return err.cause?.message ?? '';
}

const consumer = { zone: 'kzp', host: 'node1' };

test('newer snapshots need consent, and preflight lists them', async () => {
  const message = await refused({ zvol: lu.zvol, consumer, haltConsumer: true });
  assert.match(message, /destroys the newer snapshot\(s\) pool1\/kzp_boot@snap2: consent with --destroy-newer/);
});

test('a newer snapshot with a user hold is refused even with consent', async () => {
  await must(rig.lab, 'storage1', `zfs hold keep ${lu.zvol}@snap2`);
  try {
    const message = await refused({ zvol: lu.zvol, destroyNewer: true, consumer, haltConsumer: true });
    assert.match(message, /user holds cannot be destroyed: pool1\/kzp_boot@snap2/);
  } finally {
    await must(rig.lab, 'storage1', `zfs release keep ${lu.zvol}@snap2`);
  }
});

test('a running consumer needs --halt-consumer', async () => {
  const message = await refused({ zvol: lu.zvol, destroyNewer: true, consumer });
  assert.match(message, /zone kzp on node1 is running: allow halting it with --halt-consumer/);
});

test('a suspended consumer is refused: new host data would discard its suspend image', async () => {
  await must(rig.lab, 'node1', 'zoneadm -z kzp suspend');
  try {
    const message = await refused({ zvol: lu.zvol, destroyNewer: true, consumer, haltConsumer: true });
    assert.match(message, /zone kzp on node1 is suspended/);
  } finally {
    await must(rig.lab, 'node1', 'zoneadm -z kzp boot');
  }
});

test('a consumer that does not boot from the LU is refused', async () => {
  const message = await refused({
    zvol: lu.zvol,
    destroyNewer: true,
    consumer: { zone: 'other', host: 'node1' },
    haltConsumer: true,
  });
  assert.match(message, /zone other on node1 has no device on LU /);
});

test('an unknown LU, an unknown snapshot and an unconfigured consumer are refused', async () => {
  assert.match(await refused({ lu: '600144F0000000000000000000000000' }), /has no logical unit 600144F0/);
  assert.match(await refused({ zvol: lu.zvol, snapshot: 'nosuch' }), /pool1\/kzp_boot@nosuch does not exist/);
  assert.match(
    await refused({ zvol: lu.zvol, destroyNewer: true, consumer: { zone: 'ghost', host: 'node1' } }),
    /zone ghost is not configured on node1/,
  );
});

test('an input naming the LU both ways, or neither, is refused before anything runs', async () => {
  for (const request of [{ lu: lu.guid, zvol: lu.zvol }, { snapshot: 'snap1' }]) {
    const mark = rig.lab.commandLog.length;
    const err = await failureOf(await rig.rollBack(request), 'bad input');
    assert.ok(err instanceof WorkflowFailedError);
    assert.match(String(err.cause?.message), /exactly one of its GUID \(--lu\) and its zvol \(--zvol\)/);
    assert.equal(rig.lab.commandLog.length, mark, 'no command at all');
  }
});
