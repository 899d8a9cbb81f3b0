import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedBaseHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 's1' }] });
  seedBaseHost(lab.hosts['s1']!);
});

after(() => lab.stop());

async function sh(line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run(lab, 's1', line);
}

// The sequence below was run on zfs-fuse 0.7 (pool zt on a sparse file) with the same outcomes.
test('zfs list with a path operand lists the filesystem mounted there, or the one containing the path', async () => {
  for (const line of [
    'zfs create rpool/zones/www',
    'zfs create -o mountpoint=/rpool/zones/www -o canmount=noauto rpool/backup',
  ]) {
    const r = await sh(line);
    assert.equal(r.code, 0, r.stderr);
  }
  const props = 'zfs list -H -o name,mountpoint,mounted,zoned';
  assert.deepEqual((await sh(`${props} /zones/www`)).stdout, 'rpool/zones/www\t/zones/www\tyes\toff\n');
  assert.deepEqual((await sh(`${props} /zones/www/root/etc`)).stdout, 'rpool/zones/www\t/zones/www\tyes\toff\n');

  assert.equal((await sh('zfs unmount rpool/zones/www')).code, 0);
  assert.deepEqual((await sh(`${props} /zones/www`)).stdout, 'rpool/zones\t/zones\tyes\toff\n');

  assert.equal((await sh('zfs set mountpoint=/zones/www rpool/backup')).code, 0);
  assert.equal((await sh('zfs mount rpool/backup')).code, 0);
  assert.deepEqual((await sh(`${props} /zones/www`)).stdout, 'rpool/backup\t/zones/www\tyes\toff\n');

  const outside = await sh('zfs list -H -o name /proc/self');
  assert.deepEqual([outside.code, outside.stdout, outside.stderr], [1, '', "'/proc/self': not a ZFS filesystem\n"]);
});
