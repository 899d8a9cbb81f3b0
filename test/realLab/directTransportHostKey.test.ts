import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { coldMoveInputSchema } from '../../src/contracts/coldMove/input';
import type { ColdMovePlan } from '../../src/contracts/coldMove/plan';
import { activitiesFor } from '../e2e/activityHarness';
import { mustRun } from './localCommand';
import { seedSourceZone, seedTargetHost } from './labZone';
import { startRealLab } from './realLab';

const MiB = 1024 * 1024;

test("the direct transport's real ssh refuses a target whose host key is not the inventory's: nothing is received, no known-hosts file stays", async () => {
  const lab = await startRealLab([
    { name: 'lab1', pool: 'rpool', zones: true },
    { name: 'lab2', pool: 'rpool', zones: true },
  ]);
  const { acts, pool } = await activitiesFor(lab.inventoryPath);
  const env = new MockActivityEnvironment();
  try {
    const [source, target] = [lab.hosts['lab1']!, lab.hosts['lab2']!];
    await seedSourceZone(source, { zbeBytes: MiB, delegatedBytes: 256 * 1024 });
    await seedTargetHost(target);
    const input = coldMoveInputSchema.parse({ zone: 'www', source: 'lab1', target: 'lab2', transport: 'direct' });
    // zmig's own connections to both hosts are open now, checked against the inventory's keys.
    const plan: ColdMovePlan = await env.run(() => acts.preflightColdMove(input));
    const zonepath = plan.datasets.find((d) => d.role === 'zonepath')!;
    await env.run(() =>
      acts.createSnapshots({ host: 'lab1', datasets: [zonepath.source], snapName: 'zmig-0123456789ab-1' }),
    );
    const targetBefore = (await target.runAsRoot(['zfs', 'list', '-H', '-t', 'all', '-o', 'name'])).stdout;

    // From now on lab2's sshd presents another key (sshd reads its host key at every connection):
    // what the source's ssh sees is no longer what the inventory says.
    await mustRun([
      'ssh-keygen',
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'impostor',
      '-f',
      join(target.dir, 'impostor'),
    ]);
    await mustRun(['cp', join(target.dir, 'impostor'), join(target.dir, 'ssh_host_ed25519_key')]);

    await assert.rejects(
      env.run(() =>
        acts.transferSnapshot({
          source: 'lab1',
          target: 'lab2',
          dataset: zonepath.source,
          targetParent: zonepath.targetParent,
          targetDataset: zonepath.target,
          toSnap: 'zmig-0123456789ab-1',
          migrationId: 'direct-host-key',
          transport: 'direct',
          expectedBytes: zonepath.usedBytes,
        }),
      ),
      /Host key verification failed/,
    );
    assert.equal(
      (await target.runAsRoot(['zfs', 'list', '-H', '-t', 'all', '-o', 'name'])).stdout,
      targetBefore,
      'nothing was received on the target',
    );
    const leftovers = await source.runAsRoot(['sh', '-c', `ls -a ${source.dir}/home | grep -c known_hosts || true`]);
    assert.equal(leftovers.stdout.trim(), '0', 'the known-hosts file zmig wrote is gone');
  } finally {
    await pool.closeAll();
    await lab.stop();
  }
});
