import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import { parentOf } from '../../src/activities/coldMove/plan';
import type { HostPool } from '../../src/hosts/host';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { startLab, type Lab } from '../../src/sim/lab';
import { coldMoveInputSchema } from '../../src/workflows/coldMoveInput';
import { FAST } from './coldMoveHarness';
import { activitiesFor } from './activityHarness';

let lab: Lab;
let pool: HostPool;
let acts: Activities;
const env = new MockActivityEnvironment();
const input = coldMoveInputSchema.parse({ zone: 'www', source: 'node1', target: 'node2' });

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }], timings: FAST });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1024 * 1024, delegatedSizeBytes: 1024 * 1024 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  ({ pool, acts } = await activitiesFor(lab.inventoryPath));
});
after(async () => {
  await pool.closeAll();
  await lab.stop();
});

test('parentOf refuses a pool root instead of cutting its name', () => {
  assert.equal(parentOf('pool1/www'), 'pool1');
  assert.throws(() => parentOf('pool1'), /pool1 is a pool's root dataset/);
});

test('a delegated dataset name read from the zone config is validated before it reaches a command line', async () => {
  const zone = lab.hosts['node1']!.zone('www')!;
  const mark = lab.commandLog.length;
  zone.config.resources.push({ type: 'dataset', props: { name: '-r' } });
  try {
    await assert.rejects(env.run(() => acts.preflightColdMove(input)), /delegated dataset "-r" in the zone configuration is not a dataset name/);
  } finally {
    zone.config.resources.pop();
  }
  assert.ok(!lab.commandLog.slice(mark).some((c) => / -r$/.test(c.line)), 'no command got "-r" as an operand');
});

test('a delegated pool root dataset is refused with a clear message', async () => {
  const zone = lab.hosts['node1']!.zone('www')!;
  zone.config.resources.push({ type: 'dataset', props: { name: 'pool1' } });
  try {
    await assert.rejects(env.run(() => acts.preflightColdMove(input)), /delegated dataset pool1 is the root dataset of a pool: coldMove cannot move a whole pool/);
  } finally {
    zone.config.resources.pop();
  }
});

test('mutating activities re-validate their dataset arguments and run nothing with a bad one', async () => {
  const mark = lab.commandLog.length;
  await assert.rejects(env.run(() => acts.destroyReceived({ target: 'node2', datasets: ['-r'], migrationId: 'm1' })), /invalid dataset name/);
  await assert.rejects(env.run(() => acts.destroyOwnSnapshots({ host: 'node1', datasets: ['rpool/zones/www'], prefix: 'a b' })), /invalid snapshot prefix/);
  assert.deepEqual(lab.commandLog.slice(mark), []);
});
