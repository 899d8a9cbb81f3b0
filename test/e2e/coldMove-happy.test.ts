import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { coldMoveProgressQuery as progressQuery } from '../../src/contracts/coldMove/messages';
import type { ColdMoveResult } from '../../src/contracts/coldMove/result';
import type { ColdMovePlanResult } from '../../src/contracts/coldMove/plan';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { labState, MUTATING } from './hostState';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig({ sizeBytes: 16 * 1024 * 1024 });
});
after(async () => rig.close());

test('plan runs read-only preflight and lists the exact commands of each step', async () => {
  const before = labState(rig.lab);
  const mark = rig.lab.commandLog.length;
  const { plan, commands } = (await rig.client.workflow.execute('planColdMove', {
    taskQueue: rig.taskQueue,
    workflowId: 'plan/node1/www/test',
    args: [{ zone: 'www', source: 'node1', target: 'node2' }],
  })) as ColdMovePlanResult;
  assert.deepEqual(
    plan.datasets.map((d) => `${d.source} → ${d.target}`),
    ['rpool/zones/www → rpool/zones/www', 'pool1/www → pool1/www'],
  );
  const lines = commands.map((c) => `[${c.host}] ${c.command}`);
  assert.ok(
    lines.includes(
      '[node2] zonecfg -z www -f - < the zmig marker, then the source zonecfg export (read back and compared)',
    ),
    lines.join('\n'),
  );
  assert.ok(lines.includes("[node1] zlogin www 'init 5'"));
  assert.ok(
    lines.some((l) =>
      /^\[node1 → node2\] zfs send -rc rpool\/zones\/www@zmig-[0-9a-f]{12}-1 \| zfs receive -u -e -o zmig:migration=\S+ rpool\/zones$/.test(
        l,
      ),
    ),
    lines.join('\n'),
  );
  assert.ok(lines.includes('[node1] zoneadm -z www detach'));
  assert.ok(lines.includes('[node2] zoneadm -z www boot'));
  const ran = rig.lab.commandLog.slice(mark).map((c) => c.line);
  assert.deepEqual(
    ran.filter((l) => MUTATING.test(l)),
    [],
    'plan changed nothing',
  );
  assert.deepEqual(labState(rig.lab), before);
});

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
  // The received zone BE belongs to node2's boot environment, not an orphan, and no clone was made
  // (docs/procedures.md#boot-environments).
  assert.equal(
    node2.dataset('rpool/zones/www/rpool/ROOT/solaris')?.props['org.opensolaris.libbe:parentbe'],
    node2.activeBeUuid(),
  );
  assert.equal(node2.dataset('rpool/zones/www/rpool/ROOT/solaris-1'), undefined, 'attach did not clone an orphan BE');
  const marker = node2.dataset('rpool/zones/www')?.props['zmig:migration'];
  assert.equal(marker, handle.firstExecutionRunId, 'received datasets carry the migration marker');
  for (const host of [node2]) {
    for (const ds of ['rpool/zones/www', 'pool1/www']) {
      const snaps = host.dataset(ds)?.snapshots.map((s) => s.name) ?? [];
      assert.deepEqual(
        snaps.filter((s) => s.startsWith('zmig-')),
        [],
        `no zmig snapshots left on ${host.name} ${ds}`,
      );
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
  assert.equal(progress.detail.downtimeMs, result.downtimeMs);

  // A dead worker is noticed in seconds at every step: each scheduled activity has a heartbeat
  // timeout of at most 30 s, and a start-to-close timeout of its own.
  const scheduled = ((await handle.fetchHistory()).events ?? []).flatMap(
    (e) => e.activityTaskScheduledEventAttributes ?? [],
  );
  assert.ok(scheduled.length > 10);
  const seconds = (d: { seconds?: unknown } | null | undefined) => Number(d?.seconds ?? 0);
  for (const a of scheduled) {
    const name = a.activityType?.name;
    assert.ok(
      seconds(a.heartbeatTimeout) > 0 && seconds(a.heartbeatTimeout) <= 30,
      `${name} heartbeat timeout ${seconds(a.heartbeatTimeout)} s`,
    );
    assert.ok(
      seconds(a.startToCloseTimeout) > seconds(a.heartbeatTimeout),
      `${name} start-to-close ${seconds(a.startToCloseTimeout)} s`,
    );
  }
  const timeoutOf = (name: string) =>
    seconds(scheduled.find((a) => a.activityType?.name === name)?.startToCloseTimeout);
  assert.ok(
    timeoutOf('shutdownZone') < timeoutOf('transferSnapshot'),
    'steps are sized to what they do, not one long bound',
  );
});

test('the direct transport (zfs send | ssh target zfs receive on the source) moves the zone back, source left with autoboot off', async () => {
  const node1 = rig.lab.hosts['node1']!;
  const node2 = rig.lab.hosts['node2']!;
  const expected = node2.contentHash('rpool/zones/www');
  const handle = await rig.start(
    { source: 'node2', target: 'node1', transport: 'direct', sourcePolicy: 'autoboot-off' },
    'zone/node2/www',
  );
  await handle.result().catch((err: WorkflowFailedError) => assert.fail(err.cause?.message ?? err.message));
  assert.equal(node1.zone('www')?.state, 'running');
  assert.equal(node1.contentHash('rpool/zones/www'), expected);
  assert.equal(node2.zone('www')?.state, 'configured', 'source zone is left detached');
  assert.equal(node2.zone('www')?.config.props['autoboot'], 'false');
  assert.ok(
    rig.lab.commandLog.some((c) => c.host === 'node2' && /zfs send .*\| ssh /.test(c.line)),
    'the source ran the pipeline',
  );
});

test('a second start for the same zone is refused while the first runs', async () => {
  const id = 'zone/node1/www-dup';
  const first = await rig.start({ zone: 'www', cutover: { requireApproval: true, deadlineSeconds: 60 } }, id);
  await assert.rejects(rig.start({}, id), (err: Error) => err.name === 'WorkflowExecutionAlreadyStartedError');
  await first.cancel();
  await assert.rejects(first.result());
});
