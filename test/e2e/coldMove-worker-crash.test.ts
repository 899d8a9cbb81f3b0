import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { coldMoveRig, temporalAddress, type ColdMoveRig } from './coldMoveHarness';
import { waitFor } from './waitFor';

const ZMIG = fileURLToPath(new URL('../../bin/zmig.mjs', import.meta.url));
let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig({ withWorker: false, timings: { transferBytesPerSec: 2 * 1024 * 1024 }, sizeBytes: 8 * 1024 * 1024 });
});
after(async () => rig.close());

function workerProcess(): ChildProcess {
  return spawn(process.execPath, [ZMIG, 'worker', '--inventory', rig.lab.inventoryPath, '--task-queue', rig.taskQueue], {
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

test('a worker killed with SIGKILL mid-transfer is replaced and the migration completes with identical data', async () => {
  const node1 = rig.lab.hosts['node1']!;
  const expected = node1.contentHash('rpool/zones/www');
  let worker = workerProcess();
  const handle = await rig.start();
  await waitFor('a receive in flight', () => (rig.lab.commandLog.some((c) => /zfs receive/.test(c.line)) ? true : undefined), 120_000);
  worker.kill('SIGKILL');
  await new Promise((r) => worker.once('exit', r));
  worker = workerProcess();
  try {
    await handle.result();
  } finally {
    worker.kill('SIGTERM');
  }
  assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
  assert.equal(rig.lab.hosts['node2']!.contentHash('rpool/zones/www'), expected);
});
