import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { WorkflowFailedError } from '@temporalio/client';
import { waitFor } from '../e2e/waitFor';
import { attemptOf } from '../e2e/workerProcess';
import { labColdMoveRig } from './labColdMoveRig';
import { findProcess } from './labProcessInfo';
import { ZONE, ZONEPATH_DATASET } from './labZone';

const MiB = 1024 * 1024;

async function kill(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  worker.kill(signal);
  await once(worker, 'exit');
}

test('a worker killed between the receive and the marking (zfs-fuse has no receive -o): the retry claims the received tree and the move completes', async () => {
  const rig = await labColdMoveRig({ zbeBytes: 2 * MiB, delegatedBytes: MiB }, { withWorker: false });
  const target = rig.lab.hosts['lab2']!;
  let worker = rig.workerProcess();
  try {
    // The marking `zfs set` after the first receive waits; the worker dies meanwhile, and the set never runs.
    target.zones!.setZfsFault({ pattern: '^zfs set zmig:migration=', hang: true });
    const handle = await rig.start();
    await waitFor('the marking zfs set waiting', () => findProcess(target, /zfs set zmig:migration=/), 120_000);
    await kill(worker, 'SIGKILL');
    target.zones!.setZfsFault(undefined);
    const marker = await target.runAsRoot(['zfs', 'get', '-H', '-o', 'value', 'zmig:migration', ZONEPATH_DATASET]);
    assert.equal(marker.stdout.trim(), '-', 'received, not marked: the crash window');

    worker = rig.workerProcess();
    await handle.result().catch((err: WorkflowFailedError) => assert.fail(err.cause?.message ?? err.message));
    const events = ((await handle.fetchHistory()).events ?? []) as Record<string, unknown>[];
    assert.equal(attemptOf(events, 'transferSnapshot'), 2, 'the first transfer finished on its retry');
    const state = await target.zones!.control({ op: 'zoneState', zone: ZONE });
    assert.equal(state.state, 'running', 'the zone runs on the target from the claimed datasets');
  } finally {
    target.zones!.setZfsFault(undefined);
    await kill(worker, 'SIGTERM');
    await rig.close();
  }
});
