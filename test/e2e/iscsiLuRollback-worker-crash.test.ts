import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IscsiLuRollbackResult } from '../../src/contracts/iscsiLuRollback/result';
import { luRig, must, writeAfterSnapshot } from './iscsiLuRollbackHarness';
import { waitFor } from './waitFor';
import { attemptOf, stopWorker, workerProcess } from './workerProcess';

test('a worker killed while the zvol rolls back is replaced: the rollback runs again and the LU and zone come back', async () => {
  const rig = await luRig({ withWorker: false });
  try {
    const { guid, zvol } = rig.addConsumer('kzw');
    await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap1`);
    writeAfterSnapshot(rig.lab, zvol);
    await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap2`);
    const atSnapshot = rig.lab.hosts['storage1']!.contentHash(`${zvol}@snap1`);
    // The first rollback is slow, so the worker dies while it runs.
    const slow = rig.lab.faults.add({
      host: 'storage1',
      match: /zfs rollback /,
      action: 'slow',
      delayMs: 4000,
      times: 1,
    });
    let worker = workerProcess(rig.lab.inventoryPath, rig.taskQueue);
    const handle = await rig.rollBack({
      zvol,
      destroyNewer: true,
      consumer: { zone: 'kzw', host: 'node1' },
      haltConsumer: true,
    });
    await waitFor('zfs rollback running', () => (slow.hits > 0 ? true : undefined), 120_000);
    await stopWorker(worker, 'SIGKILL');
    worker = workerProcess(rig.lab.inventoryPath, rig.taskQueue);
    let result: IscsiLuRollbackResult;
    try {
      result = (await handle.result()) as IscsiLuRollbackResult;
    } finally {
      await stopWorker(worker, 'SIGTERM');
    }
    assert.equal(result.guid, guid);
    assert.deepEqual(result.destroyed, [`${zvol}@snap2`]);
    assert.equal(rig.lab.hosts['storage1']!.contentHash(zvol), atSnapshot);
    assert.equal(rig.lab.hosts['node1']!.zone('kzw')?.state, 'running');
    const events = ((await handle.fetchHistory()).events ?? []) as Record<string, unknown>[];
    assert.equal(attemptOf(events, 'rollbackZvol'), 2, 'the rollback completed on its second attempt');
  } finally {
    await rig.close();
  }
});
