import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { ColdMovePlan } from '../../src/activities/coldMove/plan';
import type { HostPool } from '../../src/hosts/host';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { startLab, type Lab } from '../../src/sim/lab';
import { coldMoveInputSchema } from '../../src/workflows/coldMoveInput';
import { FAST } from './coldMoveHarness';
import { activitiesFor } from './activityHarness';

/** The README's sudoers line: the commands zmig runs, and no shell. */
const SUDOERS = ['/usr/sbin/zfs', '/usr/sbin/zoneadm', '/usr/sbin/zonecfg', '/usr/sbin/zlogin', '/usr/sbin/beadm', '/usr/sbin/dladm', '/usr/bin/uname'];

let lab: Lab;
let pool: HostPool;
let acts: Activities;
const env = new MockActivityEnvironment();

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }], timings: FAST });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1024 * 1024, delegatedSizeBytes: 1024 * 1024 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  writeFileSync(lab.inventoryPath, readFileSync(lab.inventoryPath, 'utf8').replaceAll('privilege: pfexec', 'privilege: sudo'));
  for (const host of Object.values(lab.hosts)) host.sudoers = SUDOERS;
  ({ pool, acts } = await activitiesFor(lab.inventoryPath));
});
after(async () => {
  await pool.closeAll();
  await lab.stop();
});

test('the direct transport needs no sudoers entry for a shell, checks the target key, and leaves no known-hosts file', async () => {
  const input = coldMoveInputSchema.parse({ zone: 'www', source: 'node1', target: 'node2', transport: 'direct' });
  const plan: ColdMovePlan = await env.run(() => acts.preflightColdMove(input));
  const zonepath = plan.datasets.find((d) => d.role === 'zonepath')!;
  await env.run(() => acts.createSnapshots({ host: 'node1', datasets: [zonepath.source], snapName: 'zmig-d-0' }));
  const mark = lab.commandLog.length;
  await env.run(() =>
    acts.transferSnapshot({
      source: 'node1',
      target: 'node2',
      dataset: zonepath.source,
      targetParent: zonepath.targetParent,
      targetDataset: zonepath.target,
      toSnap: 'zmig-d-0',
      migrationId: 'm-direct',
      transport: 'direct',
      expectedBytes: zonepath.usedBytes,
    }),
  );
  assert.ok(lab.hosts['node2']!.zfs.snapshot(`${zonepath.target}@zmig-d-0`), 'the snapshot arrived');
  const pipeline = lab.commandLog.slice(mark).find((c) => c.host === 'node1' && / \| ssh /.test(c.line));
  assert.match(pipeline?.line ?? '', /^\/bin\/sh -c 'sudo -n zfs send .* \| ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/);
  assert.equal(lab.hosts['node1']!.files.size, 0, 'the known-hosts file is removed');
});
