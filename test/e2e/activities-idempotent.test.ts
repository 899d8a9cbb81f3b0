import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { ColdMovePlan } from '../../src/contracts/coldMove/plan';
import type { Lab } from '../../src/sim/lab';
import { coldMoveInputSchema } from '../../src/contracts/coldMove/input';
import { labState, MUTATING } from './hostState';
import { twoHostActivityLab, type ActivityLab } from './activityHarness';

let rig: ActivityLab;
let lab: Lab;
let acts: Activities;
const env = new MockActivityEnvironment();

before(async () => {
  rig = await twoHostActivityLab({ sizeBytes: 2 * 1024 * 1024 });
  ({ lab, acts } = rig);
});
after(() => rig.close());

/** Runs an activity twice in a row: the second run must change nothing and return the same result. */
async function twice<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const first = (await env.run(fn)) as T;
  const mark = lab.commandLog.length;
  const second = await env.run(fn);
  const mutations = lab.commandLog.slice(mark).filter((c) => MUTATING.test(c.line));
  assert.deepEqual(
    mutations.map((c) => `${c.host}: ${c.line}`),
    [],
    `${what}: second run ran mutating commands`,
  );
  assert.deepEqual(second, first, `${what}: same result`);
  return first;
}

test('every coldMove activity and every undo is a no-op the second time, and the undos restore both hosts', async () => {
  const initial = labState(lab);
  const input = coldMoveInputSchema.parse({ zone: 'www', source: 'node1', target: 'node2' });
  const plan: ColdMovePlan = await env.run(() => acts.preflightColdMove(input));
  const migrationId = 'run-idempotency';
  const prefix = 'zmig-idem-';
  const sourceDatasets = plan.datasets.map((d) => d.source);
  const z1 = { host: 'node1', zone: 'www' };
  const z2 = { host: 'node2', zone: 'www' };
  const round = async (n: number) => {
    await twice(`snapshot ${n}`, () =>
      acts.createSnapshots({ host: 'node1', datasets: sourceDatasets, snapName: `${prefix}${n}` }),
    );
    for (const d of plan.datasets) {
      await twice(`transfer ${d.source} round ${n}`, () =>
        acts.transferSnapshot({
          source: 'node1',
          target: 'node2',
          dataset: d.source,
          targetParent: d.targetParent,
          targetDataset: d.target,
          fromSnap: n > 1 ? `${prefix}${n - 1}` : undefined,
          toSnap: `${prefix}${n}`,
          migrationId,
          transport: 'relay',
          expectedBytes: d.usedBytes,
        }),
      );
    }
  };

  await twice('configure target', () =>
    acts.configureTargetZone({ target: 'node2', zone: 'www', config: plan.config, migrationId }),
  );
  await round(1);
  await round(2);
  await twice('shutdown source', () => acts.shutdownZone({ ...z1, timeoutSeconds: 30, haltFallback: false }));
  await round(3);
  await twice('detach source', () => acts.detachZone(z1));
  const zonepath = plan.datasets.find((d) => d.role === 'zonepath')!.target;
  await twice('mount zonepath', () =>
    acts.mountZonepath({ target: 'node2', dataset: zonepath, zonepath: plan.zonepath, migrationId }),
  );
  await twice('adopt the zone BE', () =>
    acts.adoptZoneBootEnvironment({
      target: 'node2',
      zonepathDataset: zonepath,
      zbe: plan.zbe,
      beUuid: plan.targetBeUuid,
      migrationId,
    }),
  );
  await twice('attach target', () => acts.attachZone({ ...z2, zbe: plan.zbe }));
  await twice('boot target', () =>
    acts.bootZone({ ...z2, timeoutSeconds: 30, milestone: 'svc:/milestone/multi-user:default' }),
  );
  assert.equal(lab.hosts['node2']!.zone('www')?.state, 'running');

  await twice('undo: halt target', () => acts.haltZone(z2));
  await twice('undo: detach target', () => acts.detachZone(z2));
  await twice('undo: attach source', () => acts.attachZone(z1));
  await twice('undo: boot source', () => acts.bootZone({ ...z1, timeoutSeconds: 30 }));
  await twice('undo: destroy source snapshots', () =>
    acts.destroyOwnSnapshots({ host: 'node1', datasets: sourceDatasets, prefix }),
  );
  await twice('undo: destroy received', () =>
    acts.destroyReceived({ target: 'node2', datasets: plan.datasets.map((d) => d.target), migrationId }),
  );
  await twice('undo: delete target config', () =>
    acts.deleteTargetZoneConfig({ target: 'node2', zone: 'www', migrationId }),
  );
  assert.deepEqual(labState(lab), initial, 'the undos put both hosts back exactly');

  await twice('finalize source (autoboot-off)', () =>
    acts.finalizeSource({ source: 'node1', zone: 'www', policy: 'autoboot-off', datasets: sourceDatasets }),
  );
});

test('a configuration zonecfg commits only in part fails the step, and its undo deletes it: the marker came first', async () => {
  const before = labState(lab);
  const migrationId = 'mig-partial';
  // A property zonecfg does not know is a syntax error; `-f -` goes on, commits the rest at EOF and exits 1.
  const config =
    'create -b\nset zonepath=/zones/www\nset brand=solaris\nadd attr\nset name=site\nset type=string\nset colour=red\nset value=b\nend\nset autoboot=true\n';
  await assert.rejects(
    env.run(() => acts.configureTargetZone({ target: 'node2', zone: 'www', config, migrationId })),
    /`zonecfg -z www -f -` exited 1: syntax error on line \d+ at '='/,
  );
  assert.equal(lab.hosts['node2']!.zone('www')?.state, 'configured', 'zonecfg committed what it parsed');
  await env.run(() => acts.deleteTargetZoneConfig({ target: 'node2', zone: 'www', migrationId }));
  assert.deepEqual(labState(lab), before, 'the undo found its marker and deleted the partial config');
});
