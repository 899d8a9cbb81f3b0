import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { TASK_QUEUE } from '../../src/contracts/taskQueue';
import { coldMoveRig, temporalAddress, type ColdMoveRig } from './coldMoveHarness';
import { waitFor } from './waitFor';
import { runZmig, ZMIG } from './zmigCli';

let rig: ColdMoveRig;
let env: NodeJS.ProcessEnv;
before(async () => {
  // The CLI starts on zmig's own task queue, so this file's worker polls it.
  rig = await coldMoveRig({ taskQueue: TASK_QUEUE, timings: { transferBytesPerSec: 8 * 1024 * 1024 } });
  env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress(), ZMIG_INVENTORY: rig.lab.inventoryPath };
});
after(async () => rig.close());

const zmig = (...args: string[]) => runZmig(env, ...args);

async function phaseOf(id: string): Promise<string | undefined> {
  const out = await zmig('status', id, '--json');
  return out.code === 0 ? (JSON.parse(out.stdout) as { progress?: { phase: string } }).progress?.phase : undefined;
}

test('cold-move --no-wait, list, status, approve, watch: the operator loop', async () => {
  const started = await zmig(
    'cold-move',
    'www',
    '--from',
    'node1',
    '--to',
    'node2',
    '--approve-cutover',
    '--source-policy',
    'uninstall',
    '--no-wait',
  );
  assert.equal(started.code, 0, started.stderr);
  assert.match(started.stdout, /started zone\/node1\/www/);

  const refused = await zmig('cold-move', 'www', '--from', 'node1', '--to', 'node2', '--no-wait');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /already has a migration running/);

  const listed = JSON.parse((await zmig('list', '--json')).stdout) as Record<string, string>[];
  assert.deepEqual(
    listed.map((r) => [r['workflowId'], r['procedure'], r['zone'], r['source'], r['target']]),
    [['zone/node1/www', 'coldMove', 'www', 'node1', 'node2']],
  );

  await waitFor('the cutover gate', async () => ((await phaseOf('node1/www')) === 'cutover-gate' ? true : undefined));
  const approved = await zmig('approve', 'node1/www');
  assert.equal(approved.code, 0, approved.stderr);
  assert.match(approved.stdout, /cutover of www approved/);

  const watched = await zmig('watch', 'zone/node1/www');
  assert.equal(watched.code, 0, watched.stderr);
  assert.match(watched.stdout, /✔ Boot target zone and verify/);
  assert.match(watched.stdout, /measured downtime: \d/);
  assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
});

test('Ctrl-C on watch detaches without cancelling; cancel rolls back; retry starts it again', async () => {
  const started = await zmig('cold-move', 'www', '--from', 'node2', '--to', 'node1', '--approve-cutover', '--no-wait');
  assert.equal(started.code, 0, started.stderr);
  await waitFor('the cutover gate', async () => ((await phaseOf('node2/www')) === 'cutover-gate' ? true : undefined));

  const watcher = spawn(process.execPath, [ZMIG, 'watch', 'node2/www'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  watcher.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor('the watch to draw the steps', () => (out.includes('Preflight') ? true : undefined));
  watcher.kill('SIGINT');
  const [code] = (await once(watcher, 'exit')) as [number];
  assert.equal(code, 0);
  assert.match(out, /detached; the migration continues/);
  assert.equal(JSON.parse((await zmig('status', 'node2/www', '--json')).stdout).status, 'RUNNING');

  assert.equal((await zmig('cancel', 'node2/www')).code, 0);
  const watched = await zmig('watch', 'node2/www');
  assert.equal(watched.code, 1);
  assert.match(watched.stdout, /cancelled/);
  assert.equal(JSON.parse((await zmig('status', 'node2/www', '--json')).stdout).status, 'CANCELLED');
  assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running', 'rolled back: still on node2');

  const retried = await zmig('retry', 'node2/www', '--no-wait');
  assert.equal(retried.code, 0, retried.stderr);
  await waitFor('the retried run at its gate', async () =>
    (await phaseOf('node2/www')) === 'cutover-gate' ? true : undefined,
  );
  assert.equal((await zmig('approve', 'node2/www')).code, 0);
  assert.equal((await zmig('watch', 'node2/www')).code, 0);
  assert.equal(rig.lab.hosts['node1']!.zone('www')?.state, 'running');
  const rerun = await rig.client.workflow.getHandle('zone/node2/www').describe();
  assert.equal(await rerun.staticSummary(), 'coldMove www: node2 → node1', 'the retry keeps what the UI shows');
  assert.match((await rerun.staticDetails()) ?? '', /^- transport: relay$/m);
});

test('a run no worker has picked up yet is in zmig list with its identity; cancel ends it once one does', async () => {
  await rig.stopWorker();
  try {
    const started = await zmig('cold-move', 'www', '--from', 'node1', '--to', 'node2', '--no-wait');
    assert.equal(started.code, 0, started.stderr);
    // The visibility store catches up with the start a moment later.
    const row = await waitFor('the run in zmig list', async () => {
      const rows = JSON.parse((await zmig('list', '--json')).stdout) as Record<string, string>[];
      return rows.find((r) => r['workflowId'] === 'zone/node1/www');
    });
    assert.deepEqual(
      [row['procedure'], row['zone'], row['source'], row['target'], row['hosts']],
      ['coldMove', 'www', 'node1', 'node2', 'node1,node2'],
    );
    assert.equal((await zmig('cancel', 'node1/www')).code, 0);
  } finally {
    await rig.startWorker();
  }
  assert.equal((await zmig('watch', 'node1/www')).code, 1);
  assert.equal(rig.lab.hosts['node1']!.zone('www')?.state, 'running', 'nothing moved');
});
