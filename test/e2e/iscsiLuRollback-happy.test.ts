import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { progressQuery } from '../../src/contracts/messages';
import { ZMIG_HOSTS, ZMIG_PROCEDURE, ZMIG_ZONE } from '../../src/contracts/searchAttributes';
import type { IscsiLuRollbackResult } from '../../src/contracts/iscsiLuRollback/result';
import { luRig, must, writeAfterSnapshot, type LuRig } from './iscsiLuRollbackHarness';

let rig: LuRig;
before(async () => {
  rig = await luRig();
});
after(async () => rig.close());

const storage = () => rig.lab.hosts['storage1']!;
const node1 = () => rig.lab.hosts['node1']!;

test("the write-up's case: a zone re-keyed after the snapshot comes back with new host data; the LU keeps its GUID and views", async () => {
  const { guid, zvol } = rig.addConsumer('kz1');
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap1`);
  const atSnapshot = storage().contentHash(`${zvol}@snap1`);
  const viewsBefore = await must(rig.lab, 'storage1', `stmfadm list-view -l ${guid}`);
  // The zone gets a new key after the snapshot: the snapshot's host data is sealed with the old one.
  for (const line of [
    'zoneadm -z kz1 halt',
    'zoneadm -z kz1 detach',
    'zoneadm -z kz1 attach -x initialize-hostdata',
    'zoneadm -z kz1 boot',
  ])
    await must(rig.lab, 'node1', line);
  writeAfterSnapshot(rig.lab, zvol);
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap2`);
  assert.notEqual(storage().contentHash(zvol), atSnapshot);

  const handle = await rig.rollBack({
    zvol,
    destroyNewer: true,
    consumer: { zone: 'kz1', host: 'node1' },
    haltConsumer: true,
  });
  const result = (await handle.result()) as IscsiLuRollbackResult;

  assert.equal(result.guid, guid);
  assert.deepEqual(result.destroyed, [`${zvol}@snap2`]);
  assert.equal(result.hostDataInitialized, true, 'the old key did not open the rolled-back host data');
  assert.equal(storage().contentHash(zvol), atSnapshot, 'the zvol holds the snapshot data again');
  assert.equal(
    storage()
      .dataset(zvol)!
      .snapshots.map((s) => s.name)
      .join(','),
    'snap1',
  );
  assert.equal(await must(rig.lab, 'storage1', `stmfadm list-view -l ${guid}`), viewsBefore, 'the same views');
  assert.match(await must(rig.lab, 'storage1', `stmfadm list-lu -v ${guid}`), /Operational Status: Online/);
  assert.equal(node1().zone('kz1')?.state, 'running', 'the consumer runs again');
  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'done');
  assert.ok(progress.pointOfNoReturn);
  const { typedSearchAttributes } = await handle.describe();
  assert.equal(typedSearchAttributes.get(ZMIG_PROCEDURE), 'iscsiLuRollback');
  assert.equal(typedSearchAttributes.get(ZMIG_ZONE), 'kz1');
  assert.deepEqual(typedSearchAttributes.get(ZMIG_HOSTS), ['storage1', 'node1']);
});

test('a zone whose key still opens the host data is attached as it is, and an LU without consumer or newer snapshots rolls back alone', async () => {
  const { guid, zvol } = rig.addConsumer('kz2');
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap1`);
  const result = (await (
    await rig.rollBack({ lu: guid, consumer: { zone: 'kz2', host: 'node1' }, haltConsumer: true })
  ).result()) as IscsiLuRollbackResult;
  assert.equal(result.hostDataInitialized, false);
  assert.deepEqual(result.destroyed, []);
  assert.equal(node1().zone('kz2')?.state, 'running');

  await must(rig.lab, 'node1', 'zoneadm -z kz2 halt');
  const alone = (await (await rig.rollBack({ zvol })).result()) as IscsiLuRollbackResult;
  assert.equal(alone.guid, guid);
  assert.equal(alone.consumer, undefined);
  assert.equal(node1().zone('kz2')?.state, 'installed', 'a zone not named is left alone');
});
