import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Host } from '../../src/hosts/host';
import { lacksFeature, noteMissingFeature } from '../../src/activities/hostFeatures';

const host = (name: string): Host => ({
  name,
  dialect: 'solaris11',
  exec: () => Promise.reject(new Error('not used')),
  spawn: () => {
    throw new Error('not used');
  },
  close: () => Promise.resolve(),
});

test('a host that answers "invalid property written" is remembered as lacking it; other failures are not', () => {
  const fuse = host('fuse');
  const other = host('other');
  assert.equal(lacksFeature(fuse, 'written'), false);
  assert.equal(
    noteMissingFeature(fuse, 'written', { code: 1, stdout: '', stderr: "cannot open 'x': dataset does not exist\n" }),
    false,
  );
  assert.equal(noteMissingFeature(fuse, 'written', { code: 0, stdout: '0\n', stderr: '' }), false);
  assert.equal(lacksFeature(fuse, 'written'), false);
  // As zfs-fuse 0.7 prints it (then its usage text), exit 2.
  assert.equal(
    noteMissingFeature(fuse, 'written', {
      code: 2,
      stdout: '',
      stderr: "bad property list: invalid property 'written'\nusage:\n\tget ...\n",
    }),
    true,
  );
  assert.equal(lacksFeature(fuse, 'written'), true);
  assert.equal(lacksFeature(other, 'written'), false, 'remembered per host');
});
