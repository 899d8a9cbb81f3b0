import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { HostPool } from '../../src/hosts/host';
import { startRealLab, type RealLab } from './realLab';
import { activitiesFor } from '../e2e/activityHarness';

// A host set up from the README but with the zfs line missing from its sudoers.
let lab: RealLab;
let pool: HostPool;
let acts: Activities;
const env = new MockActivityEnvironment();

before(async () => {
  lab = await startRealLab([{ name: 'lab1', pool: 'tank1', sudoersWithout: ['zfs'] }]);
  await lab.hosts['lab1']!.runAsRoot(['zfs', 'create', 'tank1/www']);
  ({ pool, acts } = await activitiesFor(lab.inventoryPath));
});
after(async () => {
  await pool?.closeAll();
  await lab?.stop();
});

test('a sudoers without the zfs line fails the step that runs zfs, saying so, and nothing else', async () => {
  await assert.rejects(
    env.run(() => acts.createSnapshots({ host: 'lab1', datasets: ['tank1/www'], snapName: 'zmig-0123456789ab-1' })),
    /lab1: `zfs [^`]*` exited 1: sudo: a password is required \(sudo does not allow this command for the login user: the README's privileges section lists the sudoers line\)/,
  );
  const snapshots = await lab.hosts['lab1']!.runAsRoot(['zfs', 'list', '-H', '-t', 'snapshot', '-o', 'name']);
  assert.equal(snapshots.stdout, '', 'nothing was snapshotted');
  // What needs no privilege still works for the same login.
  const uname = await pool.get('lab1').exec(['uname', '-s']);
  assert.deepEqual([uname.code, uname.stdout], [0, 'Linux\n']);
});
