import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { SimTimings } from '../../src/sim/timings';
import { kzWarmRig } from './kzWarmMigrateHarness';
import { waitFor } from './waitFor';
import { temporalAddress } from './workerRig';
import { ZMIG } from './zmigCli';

/** `zmig worker` as its own process, as an operator runs it, so SIGKILL is a real crash. */
function workerProcess(inventory: string, taskQueue: string): ChildProcess {
  return spawn(process.execPath, [ZMIG, 'worker', '--inventory', inventory, '--task-queue', taskQueue], {
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

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
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity);
    const started = events.find(
      (e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled?.eventId),
    );
    assert.equal(
      started?.activityTaskStartedEventAttributes?.attempt,
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
