import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { progressQuery } from '../../src/contracts/messages';
import { kzWarmMigrateDetailLines, type KzWarmMigrateDetail } from '../../src/contracts/kzWarmMigrate/result';
import { ZMIG_HOSTS, ZMIG_PHASE, ZMIG_PROCEDURE, ZMIG_ZONE } from '../../src/contracts/searchAttributes';
import { run } from '../sim/sshClient';
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
  assert.equal(result.suspendedBeforeRun, false);
  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'done');
  assert.equal((progress.detail as { downtimeMs?: number }).downtimeMs, result.downtimeMs, 'the downtime is reported');
  const { typedSearchAttributes } = await handle.describe();
  assert.equal(typedSearchAttributes.get(ZMIG_PROCEDURE), 'kzWarmMigrate');
  assert.equal(typedSearchAttributes.get(ZMIG_ZONE), 'kz1');
  assert.deepEqual(typedSearchAttributes.get(ZMIG_HOSTS), ['node1', 'node2']);
  assert.equal(typedSearchAttributes.get(ZMIG_PHASE), 'done');
});

test('a zone already suspended on the source is moved from there, and delete-config removes the source config and key', async () => {
  rig.addKernelZone('kz2');
  await delay(60);
  const suspended = { ...node('node1').zone('kz2')!.guest! };
  assert.equal((await run(rig.lab, 'node1', 'zoneadm -z kz2 suspend')).code, 0);
  const handle = await rig.start('kz2', { sourcePolicy: 'delete-config' });
  const result = await handle.result();
  assert.equal(node('node2').zone('kz2')?.state, 'running');
  assert.equal(node('node2').zone('kz2')?.guest?.bootId, suspended.bootId);
  assert.ok(node('node2').zone('kz2')!.guest!.counter >= suspended.counter);
  const progress = await handle.query(progressQuery);
  assert.equal(progress.steps.find((st) => st.id === 'suspend')?.status, 'skipped');
  assert.equal(node('node1').zone('kz2'), undefined);
  assert.equal(node('node1').kzKeys.has('kz2'), false);
  assert.deepEqual(result.finalized, ['source configuration of kz2 deleted from node1']);
  assert.equal(result.suspendedBeforeRun, true, 'the outage began before the run, and the result says so');
  assert.match(kzWarmMigrateDetailLines(progress.detail as KzWarmMigrateDetail).join('\n'), /since this run began/);
  assert.equal(
    rig.lab.commandLog.some(
      (c) => c.host === 'node1' && /zoneadm -z kz2 suspend/.test(c.line) && c.line.startsWith('pfexec'),
    ),
    false,
    'zmig did not suspend it again',
  );
});
