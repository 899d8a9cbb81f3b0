import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import { iscsiLuRollbackInputSchema } from '../../src/contracts/iscsiLuRollback/input';
import type { IscsiLuRollbackPlan } from '../../src/contracts/iscsiLuRollback/plan';
import type { HostPool } from '../../src/hosts/host';
import { activitiesFor } from './activityHarness';
import { MUTATING } from './hostState';
import { twice as twiceIn } from './idempotence';
import { kzLabState } from './kzWarmMigrateHarness';
import { luRig, must, writeAfterSnapshot, type LuRig } from './iscsiLuRollbackHarness';

let rig: LuRig;
let acts: Activities;
let pool: HostPool;
const env = new MockActivityEnvironment();

before(async () => {
  rig = await luRig({ withWorker: false });
  ({ acts, pool } = await activitiesFor(rig.lab.inventoryPath));
});
after(async () => {
  await pool.closeAll();
  await rig.close();
});

const twice = <T>(what: string, fn: () => Promise<T>): Promise<T> => twiceIn(env, rig.lab, what, fn);

test('every iscsiLuRollback activity and undo is a no-op the second time; the undos restore every host', async () => {
  const { zvol } = rig.addConsumer('kzi');
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap1`);
  writeAfterSnapshot(rig.lab, zvol);
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap2`);
  const input = iscsiLuRollbackInputSchema.parse({
    storageHost: 'storage1',
    zvol,
    snapshot: 'snap1',
    destroyNewer: true,
    consumer: { zone: 'kzi', host: 'node1' },
    haltConsumer: true,
  });
  const plan: IscsiLuRollbackPlan = await twice('preflight', () => acts.preflightIscsiLuRollback(input));
  const zone = { host: 'node1', zone: 'kzi' };
  const storage = { host: 'storage1', record: plan.lu };
  const initial = kzLabState(rig.lab);

  await twice('halt consumer', () => acts.haltZone(zone));
  await twice('detach consumer', () => acts.detachZone(zone));
  await twice('delete LU', () => acts.deleteLu({ host: 'storage1', guid: plan.lu.guid }));
  await twice('undo: import LU and views', () => acts.reinstateLu(storage));
  await twice('undo: attach consumer', () => acts.attachKernelZone(zone));
  await env.run(() => acts.bootZone({ ...zone, timeoutSeconds: 30 }));
  const bootless = (state: unknown) =>
    JSON.parse(JSON.stringify(state, (k, v: unknown) => (k === 'bootId' ? undefined : v)));
  assert.deepEqual(bootless(kzLabState(rig.lab)), bootless(initial), 'the undos put every host back');

  await env.run(() => acts.haltZone(zone));
  await env.run(() => acts.detachZone(zone));
  await env.run(() => acts.deleteLu({ host: 'storage1', guid: plan.lu.guid }));
  // A retried rollback rolls back again to the same snapshot (nothing writes to the zvol while its LU
  // is deleted, so nothing is lost): without -r, it destroys nothing more.
  const first = await env.run(() =>
    acts.rollbackZvol({ host: 'storage1', snapshot: plan.snapshot, consented: plan.newer }),
  );
  const mark = rig.lab.commandLog.length;
  const again = await env.run(() =>
    acts.rollbackZvol({ host: 'storage1', snapshot: plan.snapshot, consented: plan.newer }),
  );
  assert.deepEqual(again, first);
  assert.deepEqual(
    rig.lab.commandLog
      .slice(mark)
      .filter((c) => MUTATING.test(c.line))
      .map((c) => c.line),
    [`pfexec zfs rollback ${plan.snapshot}`],
  );
  assert.equal(rig.lab.hosts['storage1']!.contentHash(zvol), rig.lab.hosts['storage1']!.contentHash(plan.snapshot));
  await twice('import LU', () => acts.importLu(storage));
  await twice('restore views', () => acts.restoreViews(storage));
  await twice('attach consumer (new host data)', () => acts.attachKernelZoneRenewingHostData(zone));
  await twice('boot consumer', () => acts.bootZone({ ...zone, timeoutSeconds: 30 }));
});
