import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeTimeoutType } from '@temporalio/common';
import type { SimTimings } from '../../src/sim/timings';
import { coldMoveRig, temporalAddress, type ColdMoveRig } from './coldMoveHarness';
import { waitFor } from './waitFor';

const ZMIG = fileURLToPath(new URL('../../bin/zmig.mjs', import.meta.url));

/** `zmig worker` as its own process, as an operator runs it, so SIGKILL is a real crash. */
function workerProcess(rig: ColdMoveRig): ChildProcess {
  return spawn(
    process.execPath,
    [ZMIG, 'worker', '--inventory', rig.lab.inventoryPath, '--task-queue', rig.taskQueue],
    {
      env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
  );

/** Bounds a wait so that a stuck migration fails the test instead of hanging the suite. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Starts a migration on a worker process, SIGKILLs the worker once `during` is running on a host,
 * starts a new worker at once, and returns the finished migration's history.
 */
async function crashWorkerDuring(during: RegExp, timings: Partial<SimTimings>) {
  const rig = await coldMoveRig({ withWorker: false, timings, sizeBytes: 8 * 1024 * 1024 });
  try {
    const expected = rig.lab.hosts['node1']!.contentHash('rpool/zones/www');
    let worker = workerProcess(rig);
    const handle = await rig.start();
    await waitFor(`${during} running`, () => rig.lab.commandLog.some((c) => c.running && during.test(c.line)), 120_000);
    worker.kill('SIGKILL');
    await exited(worker);
    worker = workerProcess(rig);
    try {
      await within(180_000, 'the migration after the crash', handle.result());
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
    }
    assert.equal(rig.lab.hosts['node1']!.zone('www')?.state, 'configured');
    assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
    assert.equal(rig.lab.hosts['node2']!.contentHash('rpool/zones/www'), expected);
    return { ...(await handle.fetchHistory()), commandLog: [...rig.lab.commandLog] };
  } finally {
    await rig.close();
  }
}

type History = Awaited<ReturnType<typeof crashWorkerDuring>>;

/** The attempt that completed the activity, and why the one before it failed. */
function completedAttempt(history: History, activityType: string) {
  const events = history.events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType);
  assert.ok(scheduled, `${activityType} was scheduled`);
  const started = events.find(
    (e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId),
  );
  assert.ok(started?.activityTaskStartedEventAttributes, `${activityType} started`);
  const { attempt, lastFailure } = started.activityTaskStartedEventAttributes;
  return { attempt, timeoutType: decodeTimeoutType(lastFailure?.timeoutFailureInfo?.timeoutType) };
}

test('a worker killed with SIGKILL mid-transfer is replaced and the migration completes with identical data', async () => {
  const history = await crashWorkerDuring(/zfs receive/, { transferBytesPerSec: 2 * 1024 * 1024 });
  const first = completedAttempt(history, 'transferSnapshot');
  assert.equal(first.attempt, 2);
  assert.equal(first.timeoutType, 'HEARTBEAT');
});

test('a worker killed while detaching the source (zone down) is noticed by heartbeat timeout and the move completes', async () => {
  const history = await crashWorkerDuring(/zoneadm -z www detach$/, { detachMs: 3000 });
  const detach = completedAttempt(history, 'detachZone');
  assert.equal(detach.attempt, 2);
  assert.equal(detach.timeoutType, 'HEARTBEAT');
});

test('a worker killed while attaching on the target is noticed by heartbeat timeout and the move completes', async () => {
  const history = await crashWorkerDuring(/zoneadm -z www attach -z solaris$/, { attachMs: 3000 });
  const attach = completedAttempt(history, 'attachZone');
  assert.equal(attach.attempt, 2);
  assert.equal(attach.timeoutType, 'HEARTBEAT');
});

test("a retry that finds the dead worker's detach still running waits for it (zoneadm lock: ZoneBusy) and completes", async () => {
  // The detach outlives the heartbeat timeout, so the retry starts while the first one holds the lock.
  const history = await crashWorkerDuring(/zoneadm -z www detach$/, { detachMs: 25_000 });
  const detaches = history.commandLog.filter((c) => /zoneadm -z www detach$/.test(c.line));
  assert.equal(detaches[0]?.exitCode, 0, 'the orphaned detach finished');
  assert.ok(
    detaches.some((c) => c.exitCode === 1),
    'a retry met the zone lock',
  );
  assert.ok(completedAttempt(history, 'detachZone').attempt! >= 3);
});
