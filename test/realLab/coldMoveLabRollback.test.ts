import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { fileHashes } from './labFiles';
import { labColdMoveRig } from './labColdMoveRig';
import type { LabHost } from './labHost';
import { ZONE } from './labZone';

const MiB = 1024 * 1024;

async function lines(host: LabHost, argv: string[]): Promise<string[]> {
  const result = await host.runAsRoot(argv);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\n').filter(Boolean);
}

const allDatasets = (host: LabHost) => lines(host, ['zfs', 'list', '-H', '-t', 'all', '-o', 'name']);

test('a failure at the final send rolls back on real ZFS: exactly what the migration received is destroyed, an unmarked dataset beside it is untouched', async () => {
  const rig = await labColdMoveRig({ zbeBytes: 2 * MiB, delegatedBytes: MiB });
  try {
    const source = rig.lab.hosts['lab1']!;
    const target = rig.lab.hosts['lab2']!;
    // Someone else's dataset under the same parent the zonepath is received into: no marker, real data.
    const other = await target.runAsRoot([
      'sh',
      '-ec',
      'zfs create rpool/zones/other; head -c 262144 /dev/urandom > /mnt/rpool/zones/other/data',
    ]);
    assert.equal(other.code, 0, other.stderr);
    const otherFiles = await fileHashes(target, '/mnt/rpool/zones/other');
    const targetBefore = await allDatasets(target);
    const sourceBefore = await allDatasets(source);
    // Every `zfs send` on the source fails once the zone is down: the pre-seed and converge rounds
    // run, the final one (after the shutdown) does not.
    source.zones!.setZfsFault({ pattern: '^zfs send ', zone: ZONE });

    const handle = await rig.start();
    const failure = await handle.result().then(
      () => assert.fail('the migration succeeded despite the fault'),
      (err: unknown) => err,
    );
    assert.ok(failure instanceof WorkflowFailedError);
    assert.match(
      String(failure.cause?.message),
      /^step "Final snapshot and incremental send" failed: .*injected lab fault/,
    );

    const history = (await handle.fetchHistory()).events ?? [];
    const received = history.filter((e) => e.activityTaskCompletedEventAttributes).length;
    assert.ok(received > 0, 'steps completed before the failure');
    const progress = await handle.query<{ steps: { id: string; status: string }[] }>('progress');
    assert.equal(progress.steps.find((s) => s.id === 'pre-seed')?.status, 'done', 'the pre-seed had received the zone');

    assert.deepEqual(await allDatasets(target), targetBefore, 'the target has exactly the datasets it had before');
    assert.deepEqual(await fileHashes(target, '/mnt/rpool/zones/other'), otherFiles);
    assert.deepEqual(await allDatasets(source), sourceBefore, "the source's zmig snapshots are gone too");
    assert.equal(
      (await target.zones!.control({ op: 'zoneState', zone: ZONE })).state,
      null,
      'no zone configuration left on the target',
    );
    assert.equal(
      (await source.zones!.control({ op: 'zoneState', zone: ZONE })).state,
      'running',
      'the source zone was booted again',
    );
  } finally {
    await rig.close();
  }
});
