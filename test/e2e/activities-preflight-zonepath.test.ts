import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { ColdMovePlan } from '../../src/activities/coldMove/plan';
import type { HostPool } from '../../src/hosts/host';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { startLab, type Lab } from '../../src/sim/lab';
import { coldMoveInputSchema } from '../../src/workflows/coldMoveInput';
import { run } from '../sim/sshClient';
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
  await assert.rejects(env.run(() => acts.preflightColdMove(input)), /no dataset is mounted at zonepath \/zones\/www on node1: .*pool1\/backup \(not mounted, zoned\)/);
});
