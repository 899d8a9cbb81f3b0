import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }], timings: { bootMs: 5, shutdownMs: 5 } });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20 });
});

after(() => lab.stop());

test('snapshotState is stable across calls and JSON-serialisable', async () => {
  const host = lab.hosts['node1']!;
  const first = JSON.stringify(host.snapshotState());
  await run(lab, 'node1', 'zoneadm list -cp');
  assert.equal(JSON.stringify(host.snapshotState()), first);
});

test('snapshotState changes with a mutation', async () => {
  const host = lab.hosts['node1']!;
  const before = host.snapshotState();
  assert.equal((await run(lab, 'node1', 'zfs set zmig:migration=m1 pool1/www')).code, 0);
  assert.notDeepEqual(host.snapshotState(), before);
  assert.equal((await run(lab, 'node1', 'zfs inherit zmig:migration pool1/www')).code, 0);
  assert.deepEqual(host.snapshotState(), before);
});

test('a writer modifies its dataset only while the zone runs', async () => {
  const host = lab.hosts['node1']!;
  const hashOf = () => host.contentHash('pool1/www');
  await run(lab, 'node1', 'zlogin www init 5');
  await run(lab, 'node1', 'zoneadm -z www halt');
  while (host.zone('www')!.state !== 'installed') await new Promise((r) => setTimeout(r, 2));
  const idle = hashOf();
  host.startWriter({ zone: 'www', dataset: 'pool1/www', bytesPerSec: 20 * 1024 * 1024 });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(hashOf(), idle, 'no writes while the zone is installed');
  await run(lab, 'node1', 'zoneadm -z www boot');
  while (hashOf() === idle) await new Promise((r) => setTimeout(r, 10));
  host.stopWriters();
  const stopped = hashOf();
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(hashOf(), stopped);
});
