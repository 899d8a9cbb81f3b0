import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColdMoveResult } from '../../src/contracts/coldMove/result';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig();
});
after(async () => rig.close());

test("a round's predecessor that will not be destroyed (still busy) is a warning, not a rollback; finalize prunes it", async () => {
  const fault = rig.lab.faults.add({
    host: 'node2',
    match: /zfs destroy -r rpool\/zones\/www@zmig-[0-9a-f]+-1$/,
    action: 'fail',
    nth: 1,
    exitCode: 1,
    stderr: "cannot destroy 'rpool/zones/www@zmig-1': dataset is busy",
  });
  try {
    const handle = await rig.start({ sourcePolicy: 'keep-detached' });
    const result = (await handle.result()) as ColdMoveResult;
    assert.equal(fault.hits, 1);
    assert.ok(
      result.warnings.some((w) => /^destroy round 1 snapshots on both hosts: .*dataset is busy/.test(w)),
      result.warnings.join('\n'),
    );
    const node2 = rig.lab.hosts['node2']!;
    assert.equal(node2.zone('www')?.state, 'running');
    for (const ds of ['rpool/zones/www', 'pool1/www']) {
      assert.deepEqual(
        node2
          .dataset(ds)
          ?.snapshots.filter((x) => x.name.startsWith('zmig-'))
          .map((x) => x.name),
        [],
        ds,
      );
    }
  } finally {
    fault.remove();
  }
});
