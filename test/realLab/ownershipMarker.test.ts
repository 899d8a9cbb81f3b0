import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import { relaySend } from '../../src/activities/zfs/relaySend';
import type { HostPool } from '../../src/hosts/host';
import { snapshotPrefix } from '../../src/contracts/migrationNaming';
import { startRealLab, type RealLab } from './realLab';
import { activitiesFor } from '../e2e/activityHarness';

// zfs-fuse has no `zfs receive -o`, so the owner marker is set after the receive: these tests run
// the transfer and its undo on real ZFS, including a crash between the receive and the marking.
let lab: RealLab;
let pool: HostPool;
let acts: Activities;
const env = new MockActivityEnvironment();
const migrationId = '01a20000-0000-7000-8000-00000000c0de';
const first = `${snapshotPrefix(migrationId)}1`;

const root = (host: 'lab1' | 'lab2', argv: string[]) => lab.hosts[host]!.runAsRoot(argv);
const datasets = async (host: 'lab1' | 'lab2', pool: string) =>
  (await root(host, ['zfs', 'list', '-H', '-r', '-o', 'name', pool])).stdout.split('\n').filter(Boolean);
const marker = async (dataset: string) =>
  (await root('lab2', ['zfs', 'get', '-H', '-o', 'value,source', 'zmig:migration', dataset])).stdout.trim();
const transfer = (toSnap: string) =>
  env.run(() =>
    acts.transferSnapshot({
      source: 'lab1',
      target: 'lab2',
      dataset: 'tank1/www',
      targetParent: 'tank2',
      targetDataset: 'tank2/www',
      toSnap,
      migrationId,
      transport: 'relay',
      expectedBytes: 1 << 20,
    }),
  );

before(async () => {
  lab = await startRealLab([
    { name: 'lab1', pool: 'tank1' },
    { name: 'lab2', pool: 'tank2' },
  ]);
  ({ pool, acts } = await activitiesFor(lab.inventoryPath));
  await root('lab1', ['zfs', 'create', 'tank1/www']);
  await root('lab1', ['sh', '-c', 'head -c 1048576 /dev/urandom > /mnt/tank1/www/data']);
  await root('lab1', ['zfs', 'snapshot', `tank1/www@${first}`]);
  // Someone else's dataset under the same parent, unmarked: never ours to touch.
  await root('lab2', ['zfs', 'create', 'tank2/other']);
});
after(async () => {
  await pool?.closeAll();
  await lab?.stop();
});

test('without receive -o the full send still marks what it received', async () => {
  await transfer(first);
  assert.equal(await marker('tank2/www'), `${migrationId}\tlocal`);
  await env.run(() => acts.destroyReceived({ target: 'lab2', datasets: ['tank2/www', 'tank2/other'], migrationId }));
  assert.deepEqual(
    await datasets('lab2', 'tank2'),
    ['tank2', 'tank2/other'],
    'undo destroyed what it received, not the other dataset',
  );
});

test('a crash between the receive and the marking: the retry claims the tree, the undo destroys it', async () => {
  // The attempt that crashed: its stream arrived, the marker never came.
  const [a, b] = [pool.get('lab1'), pool.get('lab2')];
  const out = await relaySend(
    a,
    ['zfs', 'send', '-R', `tank1/www@${first}`],
    b,
    ['zfs', 'receive', '-u', '-e', 'tank2'],
    {},
  );
  assert.deepEqual([out.send.code, out.receive.code], [0, 0], out.receive.stderr);
  assert.equal(await marker('tank2/www'), '-\t-');

  const retried = (await transfer(first)) as { snapshot: string };
  assert.equal(retried.snapshot, `tank2/www@${first}`);
  assert.equal(await marker('tank2/www'), `${migrationId}\tlocal`, 'the retry marked the tree it found complete');

  // The same crash again, then straight to the undo.
  await root('lab2', ['zfs', 'destroy', '-r', 'tank2/www']);
  await relaySend(a, ['zfs', 'send', '-R', `tank1/www@${first}`], b, ['zfs', 'receive', '-u', '-e', 'tank2'], {});
  await env.run(() => acts.destroyReceived({ target: 'lab2', datasets: ['tank2/www', 'tank2/other'], migrationId }));
  assert.deepEqual(await datasets('lab2', 'tank2'), ['tank2', 'tank2/other']);
});

test("an unmarked dataset at the target's name without this migration's snapshots is refused, and the undo leaves it", async () => {
  await root('lab2', ['zfs', 'create', 'tank2/www']);
  try {
    await assert.rejects(transfer(first), /tank2\/www on lab2 exists and was not created by this migration/);
    await env.run(() => acts.destroyReceived({ target: 'lab2', datasets: ['tank2/www'], migrationId }));
    assert.deepEqual(await datasets('lab2', 'tank2'), ['tank2', 'tank2/other', 'tank2/www']);
  } finally {
    await root('lab2', ['zfs', 'destroy', 'tank2/www']);
  }
});
