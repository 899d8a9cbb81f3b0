import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SimTimings } from '../../src/sim/timings';
import { kzWarmRig } from './kzWarmMigrateHarness';
import { waitFor } from './waitFor';
import { attemptOf, stopWorker as stop, workerProcess } from './workerProcess';

/**
 * SIGKILLs the worker while `during` runs on a host, starts another, and checks the migration
 * completes with the guest resumed on node2 and `activity` done by a retry after the heartbeat timeout.
 */
async function crashDuring(during: RegExp, timings: Partial<SimTimings>, activity: string) {
  const rig = await kzWarmRig({ withWorker: false, timings });
  try {
    rig.addKernelZone('kzk');
    const bootId = rig.lab.hosts['node1']!.zone('kzk')!.guest!.bootId;
    let worker = workerProcess(rig.lab.inventoryPath, rig.taskQueue);
    const handle = await rig.start('kzk');
    await waitFor(
      `${during.source} running`,
      () => rig.lab.commandLog.some((c) => c.running && during.test(c.line)),
      120_000,
    );
    await stop(worker, 'SIGKILL');
    worker = workerProcess(rig.lab.inventoryPath, rig.taskQueue);
    try {
      await handle.result();
    } finally {
      await stop(worker, 'SIGTERM');
    }
    const moved = rig.lab.hosts['node2']!.zone('kzk');
    assert.equal(moved?.state, 'running');
    assert.equal(moved?.guest?.bootId, bootId, 'the guest was resumed, not booted afresh');
    assert.equal(rig.lab.hosts['node1']!.zone('kzk')?.state, 'configured');
    const events = (await handle.fetchHistory()).events ?? [];
    assert.equal(
      attemptOf(events as Record<string, unknown>[], activity),
      2,
      `${activity} completed on its second attempt`,
    );
  } finally {
    await rig.close();
  }
}

test('a worker killed while the zone is being suspended is replaced and the migration completes', async () => {
  await crashDuring(/zoneadm -z kzk suspend$/, { suspendMs: 4000 }, 'suspendZone');
});

test('a worker killed while the zone resumes on the target is replaced and the migration completes', async () => {
  await crashDuring(/zoneadm -z kzk boot$/, { bootMs: 4000 }, 'bootZone');
});
