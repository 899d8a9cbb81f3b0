import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ZMIG_PHASE } from '../../src/contracts/searchAttributes';
import type { ColdMoveResult } from '../../src/contracts/coldMove/result';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig();
});
after(async () => rig.close());

test('a zone that ignores init 5 is halted when --halt-fallback allows it; keep-detached leaves the source as it is', async () => {
  const stuck = rig.lab.faults.add({
    host: 'node1',
    match: /zlogin www 'init 5'/,
    action: 'fail',
    exitCode: 1,
    stderr: 'init: cannot reach run level 5',
  });
  try {
    const handle = await rig.start({
      shutdown: { timeoutSeconds: 1, haltFallback: true },
      sourcePolicy: 'keep-detached',
    });
    const result = (await handle.result()) as ColdMoveResult;
    assert.ok(
      rig.lab.commandLog.some((c) => c.host === 'node1' && /zoneadm -z www halt$/.test(c.line)),
      'halted after the graceful timeout',
    );
    assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
    const source = rig.lab.hosts['node1']!.zone('www');
    assert.equal(source?.state, 'configured');
    assert.notEqual(source?.config.props['autoboot'], 'false', 'keep-detached changes nothing else');
    assert.ok(rig.lab.hosts['node1']!.dataset('rpool/zones/www'), 'source datasets kept');
    assert.deepEqual(result.warnings, []);
    const described = await handle.describe();
    assert.equal(described.typedSearchAttributes.get(ZMIG_PHASE), 'done', 'ZmigPhase follows the phases');
  } finally {
    stuck.remove();
  }
});
