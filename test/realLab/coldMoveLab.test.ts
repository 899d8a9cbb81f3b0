import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkflowFailedError } from '@temporalio/client';
import { progressQuery } from '../../src/contracts/messages';
import { waitFor } from '../e2e/waitFor';
import { exposeDataset, fileHashes } from './labFiles';
import { labColdMoveRig } from './labColdMoveRig';
import type { LabHost } from './labHost';
import { APP_DIR, DELEGATED, startZoneApplication, ZBE, ZONE, ZONEPATH, ZONEPATH_DATASET } from './labZone';

const MiB = 1024 * 1024;

async function zoneState(host: LabHost): Promise<string | null | undefined> {
  return (await host.zones!.control({ op: 'zoneState', zone: ZONE })).state;
}

/** Every file of the zone, dataset by dataset, as one host has it (the BE and delegated dataset mounted for reading). */
async function zoneFiles(host: LabHost): Promise<Record<'zonepath' | 'zbe' | 'delegated', Map<string, string>>> {
  await exposeDataset(host, ZBE, '/mnt/check/zbe');
  await exposeDataset(host, DELEGATED, '/mnt/check/delegated');
  return {
    zonepath: await fileHashes(host, APP_DIR),
    zbe: await fileHashes(host, '/mnt/check/zbe'),
    delegated: await fileHashes(host, '/mnt/check/delegated'),
  };
}

async function coldMoveWithWriter(transport: 'relay' | 'direct'): Promise<void> {
  const rig = await labColdMoveRig({ zbeBytes: 8 * MiB, delegatedBytes: 4 * MiB });
  try {
    const source = rig.lab.hosts['lab1']!;
    const target = rig.lab.hosts['lab2']!;
    const before = await fileHashes(source, APP_DIR);
    await startZoneApplication(source);
    const handle = await rig.start({ transport });
    // The writes the application had made when the pre-seed round (its snapshot before it) was done.
    const writesAfterPreSeed = await waitFor(
      'the pre-seed done',
      async () => {
        const progress = await handle.query(progressQuery).catch(() => undefined);
        const done = progress?.steps.find((st) => st.id === 'pre-seed')?.status === 'done';
        return done ? ((await source.zones!.control({ op: 'writes' })).writes ?? 0) : undefined;
      },
      300_000,
    );
    const result = await handle
      .result()
      .catch((err: WorkflowFailedError) => assert.fail(err.cause?.message ?? err.message));
    assert.equal(result.zone, ZONE);

    // Detached on the source (autoboot off), running on the target from the received datasets.
    assert.equal(await zoneState(source), 'configured');
    assert.equal(await zoneState(target), 'running');
    const mounted = await target.runAsRoot(['zfs', 'list', '-H', '-o', 'name,mounted', ZONEPATH]);
    assert.equal(mounted.stdout, `${ZONEPATH_DATASET}\tyes\n`, 'the zonepath on the target is the received dataset');

    // Finalize pruned zmig's snapshots on both hosts (none left busy by a stopped send).
    for (const host of [source, target]) {
      const snapshots = await host.runAsRoot(['zfs', 'list', '-H', '-t', 'snapshot', '-o', 'name']);
      assert.deepEqual([snapshots.code, snapshots.stdout], [0, ''], `${host.name} keeps no zmig snapshot`);
    }
    // The direct transport's known-hosts file lived only as long as its round.
    const leftovers = await source.runAsRoot(['sh', '-c', `ls -a ${source.dir}/home | grep -c known_hosts || true`]);
    assert.equal(leftovers.stdout.trim(), '0');

    const writes = (await source.zones!.control({ op: 'writes' })).writes ?? 0;
    assert.ok(
      writes > writesAfterPreSeed,
      `the application wrote after the pre-seed (${writesAfterPreSeed} writes then, ${writes} at shutdown): only the later rounds carry those`,
    );
    assert.ok(result.rounds >= 2, 'an incremental round followed the pre-seed');
    const atShutdown = await zoneFiles(source);
    assert.ok(
      [...atShutdown.zonepath].some(([path, hash]) => before.get(path) !== hash),
      'files changed after the pre-seed snapshot, so the incremental rounds had to carry them',
    );
    const moved = await zoneFiles(target);
    for (const part of ['zonepath', 'zbe', 'delegated'] as const) {
      assert.ok(atShutdown[part].size > 0, `${part} has files`);
      assert.deepEqual(
        moved[part],
        atShutdown[part],
        `every ${part} file hashes on the target as on the source at shutdown`,
      );
    }
  } finally {
    await rig.close();
  }
}

test('coldMove on real ZFS, sshd and sudo (relay): every file arrives as it was at shutdown, while a writer changed files during pre-seed', () =>
  coldMoveWithWriter('relay'));

test('coldMove with the direct transport: the source pipes zfs send into ssh to the target, whose key is checked from a known-hosts file', () =>
  coldMoveWithWriter('direct'));
