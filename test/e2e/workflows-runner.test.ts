import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { progressQuery } from '../../src/contracts/messages';
import { ZMIG_HOSTS, ZMIG_PHASE, ZMIG_SOURCE_HOST, ZMIG_ZONE } from '../../src/contracts/searchAttributes';
import type { ProbeActivities } from '../workflows/runnerProbe';
import { temporalAddress } from './coldMoveHarness';
import { waitFor } from './waitFor';

/** What the stub activities did, in order, and what they are told to do. */
let log: string[] = [];
let failing = new Set<string>();
let blocking = '';
/** A step that takes a while and finishes by itself. */
let slow = '';

const activities: ProbeActivities = {
  async forward(id) {
    log.push(`do ${id}`);
    if (id === blocking) {
      // Runs until cancelled, heartbeating so the cancel reaches it.
      for (;;) {
        Context.current().heartbeat();
        try {
          await Context.current().sleep(100);
        } catch (err) {
          log.push(`stopped ${id}`);
          throw err;
        }
      }
    }
    if (id === slow) await Context.current().sleep(1500);
    if (failing.has(id))
      throw ApplicationFailure.create({ type: 'CommandFailed', message: `${id} broke`, nonRetryable: true });
    return `${id} done`;
  },
  async undo(id) {
    log.push(`undo ${id}`);
    if (failing.has(`undo ${id}`))
      throw ApplicationFailure.create({ type: 'CommandFailed', message: `undo of ${id} broke`, nonRetryable: true });
  },
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `runner-${randomUUID()}`;

before(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: temporalAddress() });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../workflows/runnerProbe.ts', import.meta.url)),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  running = worker.run();
});

after(async () => {
  worker.shutdown();
  await running;
  await env.teardown();
});

function start(setup: { fail?: string[]; block?: string; slow?: string; workflow?: string } = {}) {
  log = [];
  failing = new Set(setup.fail ?? []);
  blocking = setup.block ?? '';
  slow = setup.slow ?? '';
  return env.client.workflow.start(setup.workflow ?? 'runnerProbe', { taskQueue, workflowId: `probe-${randomUUID()}` });
}

async function failureOf(result: Promise<unknown>): Promise<WorkflowFailedError> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError, `the run failed (${String(err)})`);
  return err;
}

test('a run that succeeds: every step done in order, the phase done, identity search attributes set by the run', async () => {
  const handle = await start();
  assert.deepEqual(await handle.result(), { finalized: ['d1 done', 'd2 done'], warnings: [] });
  assert.deepEqual(log, ['do a', 'do b', 'do c', 'do d1', 'do d2']);
  const progress = await handle.query(progressQuery);
  assert.deepEqual(
    progress.steps.map((s) => s.status),
    ['done', 'done', 'done', 'done'],
  );
  assert.equal(progress.phase, 'done');
  assert.equal(progress.pointOfNoReturn, true);
  assert.deepEqual(progress.detail, { done: 3 });
  const attrs = (await handle.describe()).typedSearchAttributes;
  assert.deepEqual(attrs.get(ZMIG_HOSTS), ['h1', 'h2']);
  assert.equal(attrs.get(ZMIG_ZONE), 'z1');
  assert.equal(attrs.get(ZMIG_SOURCE_HOST), 'h1');
  assert.equal(attrs.get(ZMIG_PHASE), 'done');
});

test('a failing step: its own undo and those before it run in reverse, and the failure names the step', async () => {
  const handle = await start({ fail: ['b'] });
  const err = await failureOf(handle.result());
  assert.deepEqual(log, ['do a', 'do b', 'undo b', 'undo a']);
  assert.ok(err.cause instanceof ApplicationFailure);
  assert.equal(err.cause.type, 'MigrationFailed');
  assert.match(err.cause.message, /^step "Step B" failed: b broke\. Rolled back 2 step\(s\)\.$/);
  const progress = await handle.query(progressQuery);
  assert.deepEqual(
    progress.steps.map((s) => s.status),
    ['done', 'failed', 'pending', 'pending'],
  );
  assert.equal(progress.phase, 'rolled-back');
  assert.deepEqual(progress.undo, [
    { description: 'undo b', status: 'done' },
    { description: 'undo a', status: 'done' },
  ]);
});

test('an undo that fails does not stop the ones before it, and the failure says what is left', async () => {
  const handle = await start({ fail: ['c', 'undo b'] });
  const err = await failureOf(handle.result());
  assert.deepEqual(log, ['do a', 'do b', 'do c', 'undo c', 'undo b', 'undo a']);
  assert.ok(err.cause instanceof ApplicationFailure);
  assert.equal(err.cause.type, 'UndoIncomplete');
  assert.match(err.cause.message, /UNDO INCOMPLETE, left as is: undo b \(undo of b broke\)/);
  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'failed');
  assert.deepEqual(
    progress.undo.map((u) => u.status),
    ['done', 'failed', 'done'],
  );
});

test('cancelled during a step: the step stops first, then the undos run, and the run ends cancelled', async () => {
  const handle = await start({ block: 'b' });
  await waitFor('step b running', async () => (log.includes('do b') ? true : undefined));
  await handle.cancel();
  const err = await failureOf(handle.result());
  assert.ok(err.cause instanceof CancelledFailure, 'ends Cancelled, not Failed');
  assert.deepEqual(log, ['do a', 'do b', 'stopped b', 'undo b', 'undo a']);
  assert.equal((await handle.describe()).status.name, 'CANCELLED');
});

test('past the point of no return nothing is undone: a failing best-effort part is a warning', async () => {
  const handle = await start({ fail: ['d1'] });
  const result = await handle.result();
  assert.deepEqual(result, { finalized: ['d2 done'], warnings: ['d1: d1 broke'] });
  assert.deepEqual(log, ['do a', 'do b', 'do c', 'do d1', 'do d2']);
  assert.equal((await handle.query(progressQuery)).phase, 'done');
});

test('a step the procedure cannot do without fails past the point of no return: nothing undone, the steps not run named', async () => {
  const handle = await start({ workflow: 'essentialProbe', fail: ['b'] });
  const err = await failureOf(handle.result());
  assert.match(
    err.cause?.message ?? '',
    /^step "Step B" failed past the point of no return: b broke\. Nothing was undone\. Not run: Step C\.$/,
  );
  assert.deepEqual(log, ['do a', 'do p', 'do b'], 'no undo ran');
  const progress = await handle.query(progressQuery);
  assert.equal(progress.phase, 'failed');
  assert.deepEqual(
    progress.steps.map((s) => s.status),
    ['done', 'done', 'failed', 'pending'],
  );
});

test('a cancel past the point of no return does not stop the steps the procedure cannot do without', async () => {
  const handle = await start({ workflow: 'essentialProbe', slow: 'b' });
  await waitFor('step b running', () => (log.includes('do b') ? true : undefined));
  await handle.cancel();
  assert.equal(await handle.result(), 'done');
  assert.deepEqual(log, ['do a', 'do p', 'do b', 'do c']);
  assert.equal((await handle.query(progressQuery)).phase, 'done');
});
