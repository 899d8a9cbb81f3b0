import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { progressQuery } from '../../src/workflows/messages';
import type { ColdMoveResult } from '../../src/workflows/coldMove';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig({ sizeBytes: 16 * 1024 * 1024 });
});
after(async () => rig.close());

test('coldMove moves www to node2 with identical data, source uninstalled, snapshots pruned', async () => {
  const node1 = rig.lab.hosts['node1']!;
  const node2 = rig.lab.hosts['node2']!;
  const before = { zonepath: node1.contentHash('rpool/zones/www'), delegated: node1.contentHash('pool1/www') };

  const handle = await rig.start({ sourcePolicy: 'uninstall' });
  const result = (await handle.result()) as ColdMoveResult;

  assert.equal(node2.zone('www')?.state, 'running');
  assert.equal(node1.zone('www'), undefined, 'uninstall policy removed the source configuration');
  assert.equal(node1.dataset('rpool/zones/www'), undefined, 'and its datasets');
  assert.equal(node2.contentHash('rpool/zones/www'), before.zonepath);
  assert.equal(node2.contentHash('pool1/www'), before.delegated);
  const marker = node2.dataset('rpool/zones/www')?.props['zmig:migration'];
  assert.equal(marker, handle.firstExecutionRunId, 'received datasets carry the migration marker');
  for (const host of [node2]) {
    for (const ds of ['rpool/zones/www', 'pool1/www']) {
      const snaps = host.dataset(ds)?.snapshots.map((s) => s.name) ?? [];
      assert.deepEqual(snaps.filter((s) => s.startsWith('zmig-')), [], `no zmig snapshots left on ${host.name} ${ds}`);
    }
  }
  assert.ok(result.downtimeMs > 0, 'downtime measured');
  assert.ok(result.rounds >= 3, 'full, at least one incremental, final');

  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'done');
  assert.equal(progress.pointOfNoReturn, true);
  assert.deepEqual(
    progress.steps.filter((s) => s.status !== 'done' && s.status !== 'skipped').map((s) => s.id),
    [],
  );
  assert.equal(progress.downtimeMs, result.downtimeMs);
});

test('the direct transport (zfs send | ssh target zfs receive on the source) moves the zone back, source left with autoboot off', async () => {
  const node1 = rig.lab.hosts['node1']!;
  const node2 = rig.lab.hosts['node2']!;
  const expected = node2.contentHash('rpool/zones/www');
  const handle = await rig.start({ source: 'node2', target: 'node1', transport: 'direct', sourcePolicy: 'autoboot-off' }, 'zone/node2/www');
  await handle.result().catch((err: WorkflowFailedError) => assert.fail(err.cause?.message ?? err.message));
  assert.equal(node1.zone('www')?.state, 'running');
  assert.equal(node1.contentHash('rpool/zones/www'), expected);
  assert.equal(node2.zone('www')?.state, 'configured', 'source zone is left detached');
  assert.equal(node2.zone('www')?.config.props['autoboot'], 'false');
  assert.ok(rig.lab.commandLog.some((c) => c.host === 'node2' && /zfs send .*\| ssh /.test(c.line)), 'the source ran the pipeline');
});

test('a second start for the same zone is refused while the first runs', async () => {
  const id = 'zone/node1/www-dup';
  const first = await rig.start({ zone: 'www', cutover: { requireApproval: true, deadlineSeconds: 60 } }, id);
  await assert.rejects(rig.start({}, id), (err: Error) => err.name === 'WorkflowExecutionAlreadyStartedError');
  await first.cancel();
  await assert.rejects(first.result());
});
