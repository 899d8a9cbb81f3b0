import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import type { HostPool } from '../../src/hosts/host';
import { startRealLab, type RealLab } from './realLab';
import { activitiesFor } from '../e2e/activityHarness';
import { seedSourceZone, ZONE } from './labZone';

// A host set up from the README but with the zfs line missing from its sudoers.
let lab: RealLab;
let pool: HostPool;
let acts: Activities;
const env = new MockActivityEnvironment();

before(async () => {
  lab = await startRealLab([{ name: 'lab1', pool: 'tank1', sudoersWithout: ['zfs'] }]);
  await lab.hosts['lab1']!.runAsRoot(['zfs', 'create', 'tank1/www']);
  ({ pool, acts } = await activitiesFor(lab.inventoryPath));
});
after(async () => {
  await pool?.closeAll();
  await lab?.stop();
});

test('a sudoers without the zfs line fails the step that runs zfs, saying so, and nothing else', async () => {
  await assert.rejects(
    env.run(() => acts.createSnapshots({ host: 'lab1', datasets: ['tank1/www'], snapName: 'zmig-0123456789ab-1' })),
    /lab1: `zfs [^`]*` exited 1: sudo: a password is required \(sudo does not allow this command for the login user: the README's privileges section lists the sudoers line\)/,
  );
  const snapshots = await lab.hosts['lab1']!.runAsRoot(['zfs', 'list', '-H', '-t', 'snapshot', '-o', 'name']);
  assert.equal(snapshots.stdout, '', 'nothing was snapshotted');
  // What needs no privilege still works for the same login.
  const uname = await pool.get('lab1').exec(['uname', '-s']);
  assert.deepEqual([uname.code, uname.stdout], [0, 'Linux\n']);
});

// Zone hosts each missing one more documented line: the step that needs that command fails with
// sudo's refusal and the hint, at once, and the zone is as it was.
const HINT =
  /exited 1: sudo: a password is required \(sudo does not allow this command for the login user: the README's privileges section lists the sudoers line\)/;

const zoneCases: { line: string; host: string; step: (acts: Activities, host: string) => Promise<unknown> }[] = [
  { line: 'zoneadm', host: 'lab2', step: (a, host) => a.detachZone({ host, zone: ZONE }) },
  {
    line: 'zonecfg',
    host: 'lab3',
    step: (a, host) =>
      a.configureTargetZone({
        target: host,
        zone: 'www2',
        config: 'create -b\nset zonepath=/mnt/rpool/zones/www2\nset brand=ipkg\n',
        migrationId: 'sudoers-test',
      }),
  },
  {
    line: 'zlogin',
    host: 'lab4',
    step: (a, host) => a.shutdownZone({ host, zone: ZONE, timeoutSeconds: 600, haltFallback: true }),
  },
];

test('each documented sudoers line: without it, the step that needs that command fails at once with the hint, and the zone is untouched', async () => {
  const zoneLab = await startRealLab(
    zoneCases.map((c) => ({ name: c.host, pool: 'rpool', zones: true, sudoersWithout: [c.line] })),
  );
  const zones = await activitiesFor(zoneLab.inventoryPath);
  try {
    for (const c of zoneCases)
      await seedSourceZone(zoneLab.hosts[c.host]!, { zbeBytes: 64 * 1024, delegatedBytes: 64 * 1024 });
    for (const c of zoneCases) {
      const started = Date.now();
      await assert.rejects(
        env.run(() => c.step(zones.acts, c.host)),
        (err: Error) => {
          assert.match(err.message, new RegExp(`${c.host}: \`${c.line} `));
          assert.match(err.message, HINT);
          return true;
        },
      );
      assert.ok(Date.now() - started < 60_000, `${c.line}: failed at once, not after a wait`);
      const state = await zoneLab.hosts[c.host]!.runAsRoot(['/usr/sbin/zoneadm', 'list', '-p']);
      assert.match(state.stdout, new RegExp(`:${ZONE}:running:`), `${c.line}: the zone still runs`);
    }
  } finally {
    await zones.pool.closeAll();
    await zoneLab.stop();
  }
});
