import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { ColdMovePlan } from '../../src/contracts/coldMove/plan';
import type { Lab } from '../../src/sim/lab';
import { coldMoveInputSchema } from '../../src/contracts/coldMove/input';
import { twoHostActivityLab, type ActivityLab } from './activityHarness';
import { PRIVILEGED_COMMANDS } from '../../src/hosts/privilege';

/** The README's sudoers line: the commands zmig escalates, and no shell. */
const SUDOERS = PRIVILEGED_COMMANDS.map((c) => `/usr/sbin/${c}`);

let rig: ActivityLab;
let lab: Lab;
let acts: Activities;
const env = new MockActivityEnvironment();

before(async () => {
  rig = await twoHostActivityLab({
    prepare(lab) {
      writeFileSync(
        lab.inventoryPath,
        readFileSync(lab.inventoryPath, 'utf8').replaceAll('privilege: pfexec', 'privilege: sudo'),
      );
      for (const host of Object.values(lab.hosts)) host.sudoers = SUDOERS;
    },
  });
  ({ lab, acts } = rig);
});
after(() => rig.close());

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
  assert.match(
    pipeline?.line ?? '',
    /^\/bin\/sh -c 'sudo -n zfs send .* \| ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=\S+ -o GlobalKnownHostsFile=\/dev\/null /,
  );
  assert.equal(lab.hosts['node1']!.files.size, 0, 'the known-hosts file is removed');
});
