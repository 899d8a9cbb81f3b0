// What coldMove reads from a host before acting on it (issue: hosts are untrusted): names from the
// zone config, the zonepath dataset, and the activities' own inputs.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { ColdMovePlan } from '../../src/contracts/coldMove/plan';
import { parentOf } from '../../src/activities/coldMove/datasetNames';
import type { Lab } from '../../src/sim/lab';
import { coldMoveInputSchema } from '../../src/contracts/coldMove/input';
import { run } from '../sim/sshClient';
import { twoHostActivityLab, type ActivityLab } from './activityHarness';

let rig: ActivityLab;
let lab: Lab;
let acts: Activities;
const env = new MockActivityEnvironment();
const input = coldMoveInputSchema.parse({ zone: 'www', source: 'node1', target: 'node2' });

before(async () => {
  rig = await twoHostActivityLab();
  ({ lab, acts } = rig);
});
after(() => rig.close());

test('parentOf refuses a pool root instead of cutting its name', () => {
  assert.equal(parentOf('pool1/www'), 'pool1');
  assert.throws(() => parentOf('pool1'), /pool1 is a pool's root dataset/);
});

test('a delegated dataset name read from the zone config is validated before it reaches a command line', async () => {
  const zone = lab.hosts['node1']!.zone('www')!;
  const mark = lab.commandLog.length;
  zone.config.resources.push({ type: 'dataset', props: { name: '-r' } });
  try {
    await assert.rejects(
      env.run(() => acts.preflightColdMove(input)),
      /delegated dataset "-r" in the zone configuration is not a dataset name/,
    );
  } finally {
    zone.config.resources.pop();
  }
  assert.ok(!lab.commandLog.slice(mark).some((c) => / -r$/.test(c.line)), 'no command got "-r" as an operand');
});

test('a delegated pool root dataset is refused with a clear message', async () => {
  const zone = lab.hosts['node1']!.zone('www')!;
  zone.config.resources.push({ type: 'dataset', props: { name: 'pool1' } });
  try {
    await assert.rejects(
      env.run(() => acts.preflightColdMove(input)),
      /delegated dataset pool1 is the root dataset of a pool: coldMove cannot move a whole pool/,
    );
  } finally {
    zone.config.resources.pop();
  }
});

test('mutating activities re-validate their dataset arguments and run nothing with a bad one', async () => {
  const mark = lab.commandLog.length;
  await assert.rejects(
    env.run(() => acts.destroyReceived({ target: 'node2', datasets: ['-r'], migrationId: 'm1' })),
    /invalid dataset name/,
  );
  await assert.rejects(
    env.run(() => acts.destroyOwnSnapshots({ host: 'node1', datasets: ['rpool/zones/www'], prefix: 'a b' })),
    /invalid snapshot prefix/,
  );
  assert.deepEqual(lab.commandLog.slice(mark), []);
});

async function sh(line: string): Promise<void> {
  const r = await run(lab, 'node1', line);
  assert.equal(r.code, 0, `${line}: ${r.stderr}`);
}

afterEach(async () => {
  if (lab.hosts['node1']!.dataset('pool1/backup')) await sh('zfs destroy -r pool1/backup');
  if (!lab.hosts['node1']!.dataset('rpool/zones/www')!.mounted) await sh('zfs mount rpool/zones/www');
});

test('a stale dataset with the zonepath as mountpoint, sorting first, is not taken for the zonepath', async () => {
  await sh('zfs create -o canmount=noauto -o mountpoint=/zones/www pool1/backup');
  const plan: ColdMovePlan = await env.run(() => acts.preflightColdMove(input));
  assert.deepEqual(plan.datasets.find((d) => d.role === 'zonepath')?.source, 'rpool/zones/www');
});

test('a zonepath with no dataset mounted on it is refused, naming what is there', async () => {
  await sh('zfs create -o canmount=noauto -o mountpoint=/zones/www pool1/backup');
  await sh('zoneadm -z www halt');
  await sh('zfs unmount rpool/zones/www');
  await assert.rejects(
    env.run(() => acts.preflightColdMove(input)),
    /no dataset is mounted at zonepath \/zones\/www on node1: the path lies in rpool\/zones \(mounted at \/zones\); datasets with that mountpoint: pool1\/backup \(not mounted\), rpool\/zones\/www \(not mounted\)/,
  );
});

test('a zoned dataset mounted at the zonepath is refused', async () => {
  await sh('zfs unmount rpool/zones/www');
  await sh('zfs create -o mountpoint=/zones/www pool1/backup');
  await sh('zfs set zoned=on pool1/backup');
  await assert.rejects(
    env.run(() => acts.preflightColdMove(input)),
    /no dataset is mounted at zonepath \/zones\/www on node1: .*pool1\/backup \(not mounted, zoned\)/,
  );
});
