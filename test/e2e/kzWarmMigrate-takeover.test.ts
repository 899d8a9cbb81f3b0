import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { HostPool } from '../../src/hosts/host';
import { bootVolume } from '../../src/sim/model/kernelZone';
import { activitiesFor } from './activityHarness';
import { kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';

/**
 * The undo that attaches the source again meets "in use by host" when the target still claims the
 * zone's host data. These set that up in the model (the target's zone detached but its claim
 * left, as after a crash) and check when zmig takes the storage over and when it refuses.
 */
let rig: KzWarmRig;
let acts: Activities;
let pool: HostPool;
const env = new MockActivityEnvironment();
const migrationId = 'run-takeover';
let zone = '';
let n = 0;

before(async () => {
  rig = await kzWarmRig({ withWorker: false });
  ({ acts, pool } = await activitiesFor(rig.lab.inventoryPath));
});
after(async () => {
  await pool.closeAll();
  await rig.close();
});

const node = (name: string) => rig.lab.hosts[name]!;
const reattach = () => env.run(() => acts.reattachKernelZone({ source: 'node1', target: 'node2', zone, migrationId }));

/** A zone moved to node2 by this run's steps, then left "detached" on node2 with its claim kept. */
beforeEach(async () => {
  zone = `kzt${++n}`;
  rig.addKernelZone(zone);
  const on = (host: string) => ({ host, zone });
  await env.run(() => acts.copyZoneConfigWithKey({ source: 'node1', target: 'node2', zone, migrationId }));
  await env.run(() => acts.suspendZone({ ...on('node1'), timeoutSeconds: 30 }));
  await env.run(() => acts.detachZone(on('node1')));
  await env.run(() => acts.attachKernelZone({ ...on('node2'), expectSuspended: true }));
  node('node2').zone(zone)!.state = 'configured';
});

test("the target holds the claim, its zone is detached and this run's: the source takes over and resumes", async () => {
  assert.equal(await reattach(), 'installed');
  assert.ok(
    rig.lab.commandLog.some(
      (c) => c.host === 'node1' && c.line.endsWith(`zoneadm -z ${zone} attach -x force-takeover`),
    ),
  );
  await env.run(() => acts.bootZone({ host: 'node1', zone, timeoutSeconds: 30 }));
  assert.equal(node('node1').zone(zone)?.state, 'running');
});

test('a claim by a host other than the target is never taken over', async () => {
  const volume = bootVolume(node('node1'), node('node1').zone(zone)!);
  assert.ok(!('error' in volume) && volume.hostData);
  volume.hostData.hostid = 'deadbeef';
  await assert.rejects(reattach(), /hostid deadbeef\), not node2 .*not forcing a takeover/);
});

test('a target without the configuration proves nothing: no takeover', async () => {
  node('node2').deleteZone(zone);
  await assert.rejects(reattach(), /node2 has no configuration of zone kzt\d+ .*not forcing a takeover/);
});

test("a target configuration that is not this run's: no takeover", async () => {
  await assert.rejects(
    env.run(() => acts.reattachKernelZone({ source: 'node1', target: 'node2', zone, migrationId: 'another-run' })),
    /the zone configuration on node2 is not this migration's; not forcing a takeover/,
  );
  assert.equal(
    rig.lab.commandLog.some((c) => /force-takeover/.test(c.line) && c.line.includes(`-z ${zone} `)),
    false,
  );
});
