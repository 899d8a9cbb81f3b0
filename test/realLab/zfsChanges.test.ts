import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zfsChanges } from './zoneSim/zfsChanges';
import type { DatasetImage, ZfsImage } from './zoneSim/zfsImage';

const fs = (own: DatasetImage['own'], extra: Partial<DatasetImage> = {}): DatasetImage => ({
  type: 'filesystem',
  own,
  mountpoint: '/mnt/rpool/x',
  mounted: false,
  snapshots: [],
  ...extra,
});
const local = (value: string) => ({ value, source: 'local' as const });

test('zoned=off goes before a mountpoint change, any other zoned change after it (ZFS refuses a zoned mountpoint)', () => {
  const detach = zfsChanges(
    new Map([['z', fs({ canmount: local('noauto') })]]),
    new Map([
      ['z', fs({ zoned: local('off'), canmount: local('on'), mountpoint: local('/zp/root') }, { mounted: true })],
    ]),
  );
  assert.deepEqual(detach.commands, [
    ['set', 'zoned=off', 'z'],
    ['set', 'canmount=on', 'z'],
    ['set', 'mountpoint=/zp/root', 'z'],
  ]);
  assert.deepEqual(detach.mounts, [{ dataset: 'z', mounted: true }]);
  const attach = zfsChanges(
    new Map([['z', fs({ zoned: local('off'), canmount: local('on'), mountpoint: local('/zp/root') })]]),
    new Map([['z', fs({ canmount: local('noauto') })]]),
  );
  assert.deepEqual(attach.commands, [
    ['set', 'canmount=noauto', 'z'],
    ['inherit', 'mountpoint', 'z'],
    ['inherit', 'zoned', 'z'],
  ]);
});

test('only what the command changed: removed trees destroyed from the top, new datasets created with their values, received values restored with inherit -S', () => {
  const before: ZfsImage = new Map([
    ['a', fs({}, { mounted: true })],
    ['a/b', fs({})],
    ['c', fs({ 'org.example:x': local('over') })],
    ['untouched', fs({ 'org.example:y': local('1') })],
  ]);
  const after: ZfsImage = new Map([
    ['c', fs({ 'org.example:x': { value: 'sent', source: 'received' } }, { snapshots: ['s1'] })],
    ['untouched', fs({ 'org.example:y': local('1') })],
    ['d', fs({ mountpoint: local('/d') }, { mounted: true })],
  ]);
  assert.deepEqual(zfsChanges(before, after), {
    commands: [
      ['unmount', 'a'],
      ['destroy', '-r', 'a'],
      ['inherit', '-S', 'org.example:x', 'c'],
      ['snapshot', 'c@s1'],
      ['create', '-o', 'mountpoint=/d', 'd'],
    ],
    mounts: [{ dataset: 'd', mounted: true }],
  });
});
