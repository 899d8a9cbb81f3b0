import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { HostPool } from '../../src/hosts/host';
import { seedSourceHost } from '../../src/sim/fixtures';
import { startLab, type Lab } from '../../src/sim/lab';
import { run } from '../sim/sshClient';
import { FAST } from './coldMoveHarness';
import { activitiesFor } from './activityHarness';

let lab: Lab;
let pool: HostPool;
let acts: Activities;
const env = new MockActivityEnvironment();

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }], timings: FAST });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1024 * 1024, delegatedSizeBytes: 1024 * 1024 });
  ({ pool, acts } = await activitiesFor(lab.inventoryPath));
});
after(async () => {
  await pool.closeAll();
  await lab.stop();
});

test('an undo that cannot tell whether a dataset exists fails with the command and stderr, instead of skipping it', async () => {
  assert.equal((await run(lab, 'node1', 'zfs snapshot rpool/zones/www@zmig-m1-0')).code, 0);
  const fault = lab.faults.add({
    host: 'node1',
    match: /zfs list .*rpool\/zones\/www$/,
    action: 'fail',
    exitCode: 1,
    stderr: "cannot open 'rpool/zones/www': permission denied\n",
  });
  await assert.rejects(
    env.run(() => acts.destroyOwnSnapshots({ host: 'node1', datasets: ['rpool/zones/www'], prefix: 'zmig-m1-' })),
    (err: Error) => /zfs list .*rpool\/zones\/www.*permission denied/.test(err.message),
  );
  fault.remove();
  assert.ok(
    lab.hosts['node1']!.zfs.snapshot('rpool/zones/www@zmig-m1-0'),
    'the snapshot is left for a retry to destroy',
  );
});

test('a dataset that does not exist is skipped by the undo', async () => {
  await env.run(() => acts.destroyOwnSnapshots({ host: 'node1', datasets: ['rpool/zones/gone'], prefix: 'zmig-m1-' }));
  await env.run(() => acts.destroyReceived({ target: 'node1', datasets: ['rpool/zones/gone'], migrationId: 'm1' }));
});
