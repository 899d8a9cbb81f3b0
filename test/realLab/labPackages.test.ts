import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureLabPackages } from './labPackages';

const missing = [
  { name: 'sudo', executable: '/bin/sh' },
  { name: 'zfs-fuse', executable: '/nonexistent/zfs-fuse' },
];
const MESSAGE =
  'the real-component tests (test/realLab, test/ui) need the Debian packages sudo, zfs-fuse; missing: zfs-fuse. ' +
  'Run the tests as root on Debian (they are installed with apt-get), or install them first: apt-get install zfs-fuse';

test('without root a missing package fails with one message naming the packages', async () => {
  await assert.rejects(ensureLabPackages({ packages: missing, isRoot: false, hasApt: true }), { message: MESSAGE });
});

test('without apt-get a missing package fails with the same message', async () => {
  await assert.rejects(ensureLabPackages({ packages: missing, isRoot: true, hasApt: false }), { message: MESSAGE });
});

test('with every package installed but not root, it fails with one message saying the lab needs root', async () => {
  const installed = [{ name: 'sudo', executable: '/bin/sh' }];
  await assert.rejects(ensureLabPackages({ packages: installed, isRoot: false, hasApt: true }), {
    message: /^the real-component tests \(test\/realLab\) must run as root: /,
  });
});
