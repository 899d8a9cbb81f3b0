import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { HostPool } from '../../src/hosts/host';
import { twice as twiceIn } from './idempotence';
import { activitiesFor } from './activityHarness';
import { kzLabState, kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';

let rig: KzWarmRig;
let acts: Activities;
let pool: HostPool;
const env = new MockActivityEnvironment();

before(async () => {
  rig = await kzWarmRig({ withWorker: false });
  rig.addKernelZone('kzi');
  ({ acts, pool } = await activitiesFor(rig.lab.inventoryPath));
});
after(async () => {
  await pool.closeAll();
  await rig.close();
});

const twice = <T>(what: string, fn: () => Promise<T>): Promise<T> => twiceIn(env, rig.lab, what, fn);

test('every kzWarmMigrate activity and undo is a no-op the second time, and the undos restore every host', async () => {
  const initial = kzLabState(rig.lab);
  const migrationId = 'run-kz-idempotency';
  const z = { zone: 'kzi', migrationId };
  const on = (host: string) => ({ host, zone: 'kzi' });
  await twice('copy config', () => acts.copyZoneConfigWithKey({ source: 'node1', target: 'node2', ...z }));
  await twice('suspend', () => acts.suspendZone({ ...on('node1'), timeoutSeconds: 30 }));
  await twice('detach source', () => acts.detachZone(on('node1')));
  await twice('attach target', () => acts.attachKernelZone(on('node2')));
  await twice('boot target', () => acts.bootZone({ ...on('node2'), timeoutSeconds: 30 }));
  assert.equal(rig.lab.hosts['node2']!.zone('kzi')?.state, 'running');

  await twice('undo: suspend target', () => acts.suspendZone({ ...on('node2'), timeoutSeconds: 30, ifRunning: true }));
  await twice('undo: detach target', () => acts.detachZone(on('node2')));
  await twice('undo: attach source', () => acts.reattachKernelZone({ source: 'node1', target: 'node2', ...z }));
  await twice('undo: boot source', () => acts.bootZone({ ...on('node1'), timeoutSeconds: 30 }));
  await twice('undo: delete target config', () => acts.deleteTargetZoneConfig({ target: 'node2', ...z }));
  assert.deepEqual(kzLabState(rig.lab), initial, 'the undos put every host back exactly');

  await env.run(() => acts.copyZoneConfigWithKey({ source: 'node1', target: 'node2', ...z }));
  await env.run(() => acts.suspendZone({ ...on('node1'), timeoutSeconds: 30 }));
  await env.run(() => acts.detachZone(on('node1')));
  await twice('finalize: delete the source configuration', () =>
    acts.finalizeKzSource({ source: 'node1', zone: 'kzi', policy: 'delete-config' }),
  );
  assert.equal(rig.lab.hosts['node1']!.zone('kzi'), undefined);
  assert.equal(rig.lab.hosts['node1']!.kzKeys.has('kzi'), false, 'the key went with the configuration');
});
