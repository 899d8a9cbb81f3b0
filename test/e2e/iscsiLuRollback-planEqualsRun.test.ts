import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IscsiLuRollbackRequest } from '../../src/contracts/iscsiLuRollback/input';
import type { IscsiLuRollbackPlanResult } from '../../src/contracts/iscsiLuRollback/plan';
import { ISCSI_LU_ROLLBACK_STEPS } from '../../src/contracts/iscsiLuRollback/steps';
import { luRig, must, type LuRig } from './iscsiLuRollbackHarness';
import { mutatingLinesSince, plannedLines } from './planComparison';

let rig: LuRig;
before(async () => {
  rig = await luRig();
});
after(async () => rig.close());

for (const rekeyed of [false, true]) {
  test(`zmig plan iscsi-lu-rollback lists the mutating commands the run issues, in order (${rekeyed ? 'a consumer re-keyed since the snapshot: new host data' : 'a consumer whose key still opens the host data'})`, async () => {
    const zone = rekeyed ? 'kzk' : 'kzs';
    const { zvol } = rig.addConsumer(zone);
    await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap1`);
    if (rekeyed)
      for (const line of ['halt', 'detach', 'attach -x initialize-hostdata', 'boot'])
        await must(rig.lab, 'node1', `zoneadm -z ${zone} ${line}`);
    await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap2`);
    const request: IscsiLuRollbackRequest = {
      storageHost: 'storage1',
      zvol,
      snapshot: 'snap1',
      destroyNewer: true,
      consumer: { zone, host: 'node1' },
      haltConsumer: true,
    };
    const { commands } = (await rig.client.workflow.execute('planIscsiLuRollback', {
      taskQueue: rig.taskQueue,
      workflowId: `plan/storage1/${zone}/equals-run`,
      args: [request],
    })) as IscsiLuRollbackPlanResult;
    const mark = rig.lab.commandLog.length;
    await (await rig.rollBack(request)).result();
    const ran = mutatingLinesSince(rig.lab, mark);
    assert.deepEqual(ran, plannedLines(commands, ran));
    assert.equal(
      ran.some((l) => l.includes('initialize-hostdata')),
      rekeyed,
      'new host data only where the key was refused',
    );
    for (const c of commands)
      assert.ok(ISCSI_LU_ROLLBACK_STEPS.find((s) => s.id === c.step)?.mutates, `${c.step} is a mutating step`);
  });
}
