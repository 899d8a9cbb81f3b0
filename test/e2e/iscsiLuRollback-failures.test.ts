import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { progressQuery } from '../../src/contracts/messages';
import type { Lab } from '../../src/sim/lab';
import { kzLabState } from './kzWarmMigrateHarness';
import { luRig, must, writeAfterSnapshot, type LuRig } from './iscsiLuRollbackHarness';
import { waitFor } from './waitFor';
import { failureOf } from './workflowFailure';

let rig: LuRig;
before(async () => {
  rig = await luRig();
});
after(async () => rig.close());

/**
 * The hosts' state, except the guests' boot ids: a consumer that was halted and is booted again by
 * the undo runs a new boot (what a rollback of an LU rollback cannot avoid).
 */
function luLabState(lab: Lab): unknown {
  return JSON.parse(
    JSON.stringify(kzLabState(lab), (key, value: unknown) =>
      key === 'guest' && value && typeof value === 'object' ? { ...value, bootId: undefined } : value,
    ),
  );
}

/** A running consumer on a fresh LU with snapshot snap1, data written after it, and a newer snap2. */
async function consumerWithHistory(zone: string): Promise<{ guid: string; zvol: string }> {
  const lu = rig.addConsumer(zone);
  await must(rig.lab, 'storage1', `zfs snapshot ${lu.zvol}@snap1`);
  writeAfterSnapshot(rig.lab, lu.zvol);
  await must(rig.lab, 'storage1', `zfs snapshot ${lu.zvol}@snap2`);
  return lu;
}

const start = (zone: string, zvol: string) =>
  rig.rollBack({ zvol, destroyNewer: true, consumer: { zone, host: 'node1' }, haltConsumer: true });

interface FaultCase {
  step: string;
  host: string;
  match: (zone: string) => RegExp;
}

/** Runs a rollback of `zone`'s LU with `c`'s command failing; returns the handle and the failure's message. */
async function failingAt(c: FaultCase, zone: string, zvol: string) {
  const fault = rig.lab.faults.add({ host: c.host, match: c.match(zone), action: 'fail', stderr: 'injected failure' });
  try {
    const handle = await start(zone, zvol);
    const err = await failureOf(handle, 'the rollback should have failed');
    assert.ok(err instanceof WorkflowFailedError);
    assert.ok(fault.hits > 0);
    return { handle, message: err.cause?.message ?? '' };
  } finally {
    fault.remove();
  }
}

const beforePointOfNoReturn: FaultCase[] = [
  { step: 'Halt the consumer zone', host: 'node1', match: (z: string) => new RegExp(`zoneadm -z ${z} halt$`) },
  { step: 'Detach the consumer zone', host: 'node1', match: (z: string) => new RegExp(`zoneadm -z ${z} detach$`) },
  { step: 'Delete the logical unit', host: 'storage1', match: () => /stmfadm delete-lu / },
  { step: 'Roll the zvol back', host: 'storage1', match: () => /zfs rollback / },
];

for (const [i, c] of beforePointOfNoReturn.entries()) {
  test(`failure at "${c.step}" rolls everything back: LU, views, snapshots, data and the consumer as they were`, async () => {
    const zone = `kzb${i}`;
    const { guid, zvol } = await consumerWithHistory(zone);
    const before = luLabState(rig.lab);
    const views = await must(rig.lab, 'storage1', `stmfadm list-view -l ${guid}`);
    const { handle, message } = await failingAt(c, zone, zvol);
    assert.match(message, new RegExp(`step "${c.step}.*injected failure`));
    assert.equal((await handle.query(progressQuery)).phase, 'rolled-back');
    assert.deepEqual(luLabState(rig.lab), before, 'every host ends as it started');
    assert.equal(await must(rig.lab, 'storage1', `stmfadm list-view -l ${guid}`), views);
    assert.equal(rig.lab.hosts['node1']!.zone(zone)?.state, 'running');
  });
}

const pastPointOfNoReturn = [
  { step: 'Import the logical unit', host: 'storage1', match: () => /stmfadm import-lu /, lu: 'deleted' },
  { step: 'Restore the views as recorded', host: 'storage1', match: () => /stmfadm add-view /, lu: 'no views' },
  {
    step: 'Attach the consumer zone',
    host: 'node1',
    match: (z: string) => new RegExp(`zoneadm -z ${z} attach$`),
    lu: 'as recorded',
  },
  {
    step: 'Boot the consumer zone and verify',
    host: 'node1',
    match: (z: string) => new RegExp(`zoneadm -z ${z} boot$`),
    lu: 'as recorded',
  },
];

for (const [i, c] of pastPointOfNoReturn.entries()) {
  test(`failure at "${c.step}" past the point of no return stops there, undoes nothing and names what did not run`, async () => {
    const zone = `kza${i}`;
    const { guid, zvol } = await consumerWithHistory(zone);
    const atSnapshot = rig.lab.hosts['storage1']!.contentHash(`${zvol}@snap1`);
    const { handle, message } = await failingAt(c, zone, zvol);
    assert.match(message, new RegExp(`step "${c.step}.*" failed past the point of no return: .*injected failure`));
    assert.match(message, /Nothing was undone/);
    const progress = await handle.query(progressQuery);
    assert.equal(progress.phase, 'failed');
    assert.deepEqual(progress.undo, [], 'no undo ran');
    // What the point of no return made permanent: the zvol holds the snapshot's data, snap2 is gone.
    const storage = rig.lab.hosts['storage1']!;
    assert.equal(storage.contentHash(zvol), atSnapshot);
    assert.deepEqual(
      storage.dataset(zvol)!.snapshots.map((s) => s.name),
      ['snap1'],
    );
    const lu = storage.network.fabric.lu(guid);
    if (c.lu === 'deleted') assert.equal(lu, undefined, 'the LU stays deleted: import-lu is what did not run');
    else assert.equal(lu?.views.length ?? 0, c.lu === 'no views' ? 0 : 1);
  });
}

test('cancel while the zvol rolls back: the rollback is cut, and the LU, its views and the consumer come back', async () => {
  const zone = 'kzc';
  const { guid, zvol } = await consumerWithHistory(zone);
  const before = luLabState(rig.lab);
  const hang = rig.lab.faults.add({ host: 'storage1', match: /zfs rollback /, action: 'hang' });
  try {
    const handle = await start(zone, zvol);
    await waitFor('the rollback running', () => (hang.hits > 0 ? true : undefined));
    await handle.cancel();
    await failureOf(handle, 'should have been cancelled');
    assert.equal((await handle.describe()).status.name, 'CANCELLED');
    assert.deepEqual(luLabState(rig.lab), before);
    assert.match(await must(rig.lab, 'storage1', `stmfadm list-lu -v ${guid}`), /Operational Status: Online/);
    assert.equal(rig.lab.hosts['node1']!.zone(zone)?.state, 'running');
  } finally {
    hang.remove();
  }
});

test('a cancel after the rollback does not stop the LU and the zone coming back: the run completes', async () => {
  const zone = 'kzd';
  const { guid, zvol } = await consumerWithHistory(zone);
  const slow = rig.lab.faults.add({ host: 'storage1', match: /stmfadm import-lu /, action: 'slow', delayMs: 1500 });
  try {
    const handle = await start(zone, zvol);
    await waitFor('import-lu running', () => (slow.hits > 0 ? true : undefined));
    await handle.cancel();
    await handle.result();
    assert.equal((await handle.describe()).status.name, 'COMPLETED');
    assert.match(await must(rig.lab, 'storage1', `stmfadm list-lu -v ${guid}`), /Operational Status: Online/);
    assert.equal(rig.lab.hosts['node1']!.zone(zone)?.state, 'running');
  } finally {
    slow.remove();
  }
});
