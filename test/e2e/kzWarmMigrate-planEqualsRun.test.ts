import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KzWarmMigrateRequest } from '../../src/contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlanResult } from '../../src/contracts/kzWarmMigrate/plan';
import { KZ_WARM_MIGRATE_STEPS } from '../../src/contracts/kzWarmMigrate/steps';
import { run } from '../sim/sshClient';
import { kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';
import { mutatingLinesSince, plannedLines } from './planComparison';

let rig: KzWarmRig;
before(async () => {
  rig = await kzWarmRig();
});
after(async () => rig.close());

const cases: { zone: string; what: string; request: Partial<KzWarmMigrateRequest>; suspendFirst?: boolean }[] = [
  { zone: 'kz1', what: 'a running zone, source configuration kept', request: {} },
  {
    zone: 'kz2',
    what: 'a zone suspended before the run, source configuration deleted',
    request: { sourcePolicy: 'delete-config' },
    suspendFirst: true,
  },
];

for (const { zone, what, request, suspendFirst } of cases) {
  test(`zmig plan kz-warm-migrate lists the mutating commands the run issues, in order (${what})`, async () => {
    rig.addKernelZone(zone);
    if (suspendFirst) assert.equal((await run(rig.lab, 'node1', `zoneadm -z ${zone} suspend`)).code, 0);
    const { commands } = (await rig.client.workflow.execute('planKzWarmMigrate', {
      taskQueue: rig.taskQueue,
      workflowId: `plan/node1/${zone}/equals-run`,
      args: [{ zone, source: 'node1', target: 'node2', ...request }],
    })) as KzWarmMigratePlanResult;
    const mark = rig.lab.commandLog.length;
    await (await rig.start(zone, request)).result();
    const ran = mutatingLinesSince(rig.lab, mark);
    assert.deepEqual(ran, plannedLines(commands, ran));
    assert.equal(
      ran.some((l) => l.includes(`zoneadm -z ${zone} suspend`)),
      !suspendFirst,
      'suspend planned and run only for a running zone',
    );
    for (const c of commands)
      assert.ok(KZ_WARM_MIGRATE_STEPS.find((s) => s.id === c.step)?.mutates, `${c.step} is a mutating step`);
  });
}
