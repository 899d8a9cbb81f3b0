import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TASK_QUEUE } from '../../src/contracts/taskQueue';
import { luRig, must, type LuRig } from './iscsiLuRollbackHarness';
import { temporalAddress } from './workerRig';
import { runZmig } from './zmigCli';

let rig: LuRig;
let env: NodeJS.ProcessEnv;
let lu: { guid: string; zvol: string };
before(async () => {
  // The CLI starts on zmig's own task queue, so this file's worker polls it.
  rig = await luRig({ taskQueue: TASK_QUEUE });
  env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress(), ZMIG_INVENTORY: rig.lab.inventoryPath };
  lu = rig.addConsumer('kzcli');
  await must(rig.lab, 'storage1', `zfs snapshot ${lu.zvol}@snap1`);
  await must(rig.lab, 'storage1', `zfs snapshot ${lu.zvol}@snap2`);
});
after(async () => rig.close());

const zmig = (...args: string[]) => runZmig(env, ...args);
const consumer = ['--consumer', 'kzcli', '--consumer-host', 'node1'];
/** `iscsi-lu-rollback snap1` of the test LU, by zvol, with the consumer and consent to halt it. */
const rollback = () => [
  'iscsi-lu-rollback',
  'snap1',
  '--storage',
  'storage1',
  '--zvol',
  lu.zvol,
  '--halt-consumer',
  ...consumer,
];

test('bad input is refused before anything runs, with one line saying why', async () => {
  const mark = rig.lab.commandLog.length;
  const both = await zmig('iscsi-lu-rollback', 'snap1', '--storage', 'storage1', '--lu', lu.guid, '--zvol', lu.zvol);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /exactly one of its GUID \(--lu\) and its zvol \(--zvol\)/);
  const badGuid = await zmig('iscsi-lu-rollback', 'snap1', '--storage', 'storage1', '--lu', 'xyz');
  assert.equal(badGuid.code, 2);
  assert.match(badGuid.stderr, /32 hexadecimal digits/);
  const noHost = await zmig('iscsi-lu-rollback', 'snap1', '--storage', 'nosuch', '--zvol', lu.zvol);
  assert.equal(noHost.code, 2);
  assert.match(noHost.stderr, /nosuch/);
  assert.equal(rig.lab.commandLog.length, mark, 'no host was asked anything');
});

test('plan lists the newer snapshot, the commands and the undos; the run with consent rolls back and says so', async () => {
  const plan = await zmig('plan', ...rollback(), '--destroy-newer');
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /newer snapshots the rollback destroys: pool1\/kzcli_boot@snap2/);
  assert.match(plan.stdout, /\[storage1\] stmfadm delete-lu [0-9A-F]{32}\n/);
  assert.match(plan.stdout, /\[storage1\] zfs rollback -r pool1\/kzcli_boot@snap1\n/);
  assert.match(plan.stdout, /undo if a later step fails: import the logical unit again and restore its views/);

  const refused = await zmig(...rollback());
  assert.equal(refused.code, 1);
  assert.match(refused.stdout + refused.stderr, /consent with --destroy-newer/);

  const out = await zmig(...rollback(), '--destroy-newer');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, new RegExp(`LU ${lu.guid} serves pool1/kzcli_boot@snap1 with its 1 view\\(s\\)`));
  assert.match(out.stdout, /destroyed: pool1\/kzcli_boot@snap2/);
  const status = JSON.parse((await zmig('status', `lu/storage1/${lu.zvol}`, '--json')).stdout) as { status: string };
  assert.equal(status.status, 'COMPLETED');
  const listed = JSON.parse((await zmig('list', '--all', '--json')).stdout) as Record<string, string>[];
  const row = listed.find((r) => r['workflowId'] === `lu/storage1/${lu.zvol}`);
  assert.deepEqual([row?.['procedure'], row?.['zone'], row?.['hosts']], ['iscsiLuRollback', 'kzcli', 'storage1,node1']);
});

test("a rollback is refused while its consumer zone's migration runs", async () => {
  // A migration no worker takes: it stays running.
  const migration = await rig.client.workflow.start('kzWarmMigrate', {
    taskQueue: 'nobody-polls-this',
    workflowId: 'zone/node1/kzcli',
    args: [{ zone: 'kzcli', source: 'node1', target: 'node2' }],
  });
  try {
    const mark = rig.lab.commandLog.length;
    const out = await zmig(...rollback());
    assert.equal(out.code, 2);
    assert.match(out.stderr, /zone\/node1\/kzcli is running; LU pool1\/kzcli_boot on storage1 waits until it ends/);
    assert.equal(rig.lab.commandLog.length, mark);
  } finally {
    await migration.terminate('test over');
  }
});
