import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { progressQuery } from '../../src/contracts/messages';
import { kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';

let rig: KzWarmRig;
before(async () => {
  rig = await kzWarmRig();
});
after(async () => rig.close());

const node = (name: string) => rig.lab.hosts[name]!;

test('a running Kernel Zone moves to node2 and resumes there with its guest state', async () => {
  rig.addKernelZone('kz1');
  await delay(120);
  const guestBefore = { ...node('node1').zone('kz1')!.guest! };
  assert.ok(guestBefore.counter > 0, 'the guest is running');
  const key = node('node1').kzKeys.get('kz1');

  const handle = await rig.start('kz1');
  const result = await handle.result();

  const moved = node('node2').zone('kz1');
  assert.equal(moved?.state, 'running');
  assert.equal(moved?.guest?.bootId, guestBefore.bootId, 'resumed, not booted afresh');
  assert.ok(moved!.guest!.counter >= guestBefore.counter, 'the guest counter kept its value and went on');
  assert.equal(node('node2').kzKeys.get('kz1'), key, 'the key moved with the configuration');
  assert.equal(node('node1').zone('kz1')?.state, 'configured', 'the source keeps its configuration, detached');
  assert.ok(result.downtimeMs > 0);
  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'done');
});
