import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { TASK_QUEUE } from '../../src/contracts/taskQueue';
import { historyText } from './historyText';
import { kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';
import { waitFor } from './waitFor';
import { temporalAddress } from './workerRig';
import { runZmig, ZMIG } from './zmigCli';

/**
 * The zone key moves from source to target inside one activity. These runs go through the CLI and
 * a worker process, as an operator's do, and then search the CLI's output, the worker's log and the
 * whole workflow history for the key: after a success, a failure whose stderr echoes the key
 * line, and a cancel.
 */
let rig: KzWarmRig;
let worker: ChildProcess;
let workerLog = '';
let env: NodeJS.ProcessEnv;
before(async () => {
  // The CLI starts on zmig's own task queue: the worker process polls it.
  rig = await kzWarmRig({ withWorker: false, taskQueue: TASK_QUEUE });
  env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress(), ZMIG_INVENTORY: rig.lab.inventoryPath };
  worker = spawn(process.execPath, [ZMIG, 'worker', '--inventory', rig.lab.inventoryPath], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (d: Buffer) => (workerLog += d.toString()));
  worker.stderr!.on('data', (d: Buffer) => (workerLog += d.toString()));
});
after(async () => {
  if (worker.exitCode === null) {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  await rig.close();
});

const zmig = (...args: string[]) => runZmig(env, ...args);

async function assertKeyNowhere(zone: string, key: string, cliOutput: string): Promise<void> {
  assert.match(key, /^[0-9a-f]{32}$/, 'the key is the one the source holds');
  const history = historyText(await rig.client.workflow.getHandle(`zone/node1/${zone}`).fetchHistory());
  assert.ok(history.includes(zone), 'the history was read');
  assert.equal(history.includes(key), false, 'the key is not in the workflow history');
  assert.equal(cliOutput.includes(key), false, 'the key is not in the CLI output');
  assert.equal(workerLog.includes(key), false, "the key is not in the worker's log");
}

test('a successful migration: the key reaches the target and nothing else', async () => {
  rig.addKernelZone('kzs');
  const key = rig.lab.hosts['node1']!.kzKeys.get('kzs')!;
  const plan = await zmig('plan', 'kz-warm-migrate', 'kzs', '--from', 'node1', '--to', 'node2');
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /\[node2\] zonecfg -z kzs -f - < .*node1's zonecfg export/);
  assert.match(plan.stdout, /\[node1\] zoneadm -z kzs suspend\n/);
  const out = await zmig('kz-warm-migrate', 'kzs', '--from', 'node1', '--to', 'node2');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /downtime/);
  assert.equal(rig.lab.hosts['node2']!.kzKeys.get('kzs'), key);
  await assertKeyNowhere('kzs', key, plan.stdout + plan.stderr + out.stdout + out.stderr);
});

test('a failure whose stderr echoes the key line is reported without the key', async () => {
  rig.addKernelZone('kzx');
  const key = rig.lab.hosts['node1']!.kzKeys.get('kzx')!;
  const fault = rig.lab.faults.add({
    host: 'node2',
    match: /zonecfg -z kzx -f -$/,
    action: 'fail',
    exitCode: 1,
    stderr: `On line 19: set raw=${key}\nzonecfg: ${key}: invalid key`,
  });
  try {
    const out = await zmig('kz-warm-migrate', 'kzx', '--from', 'node1', '--to', 'node2');
    assert.notEqual(out.code, 0);
    assert.match(out.stdout + out.stderr, /set raw=<key material redacted>/, 'the error itself is still shown');
    assert.equal(rig.lab.hosts['node2']!.kzKeys.has('kzx'), false, 'no key is left on the target');
    await assertKeyNowhere('kzx', key, out.stdout + out.stderr);
  } finally {
    fault.remove();
  }
});

test('a cancelled migration: the key leaves no trace and the target keeps no copy', async () => {
  rig.addKernelZone('kzq');
  const key = rig.lab.hosts['node1']!.kzKeys.get('kzq')!;
  rig.lab.timings.suspendMs = 1500;
  try {
    const running = zmig('kz-warm-migrate', 'kzq', '--from', 'node1', '--to', 'node2');
    await waitFor('the suspend', () =>
      rig.lab.commandLog.some((c) => c.running && /zoneadm -z kzq suspend/.test(c.line)),
    );
    const cancel = await zmig('cancel', 'node1/kzq');
    assert.equal(cancel.code, 0, cancel.stderr);
    const out = await running;
    assert.notEqual(out.code, 0);
    assert.match(out.stdout + out.stderr, /cancel/i);
    assert.equal(
      rig.lab.hosts['node2']!.kzKeys.has('kzq'),
      false,
      'the undo deleted the target configuration and its key',
    );
    await assertKeyNowhere('kzq', key, out.stdout + out.stderr + cancel.stdout + cancel.stderr);
  } finally {
    rig.lab.timings.suspendMs = 20;
  }
});
