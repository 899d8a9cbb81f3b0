import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyZfsError,
  ParseError,
  parseReceiveVerbose,
  parseZfsGet,
  activeZoneBootEnvironment,
  zoneBootEnvironments,
  ZBE_ACTIVE_PROP,
  ZBE_PARENT_PROP,
  parseZfsList,
  zfsDestroy,
  zfsGet,
  zfsInherit,
  zfsList,
  zfsReceive,
  zfsSend,
  zfsSet,
  zfsSnapshot,
} from '../../src/solaris/index';

test('zfsList builds -H -o (never -p, which 11.0 and zfs-fuse lack) with recursion, depth and type', () => {
  assert.deepEqual(zfsList({ props: ['name', 'used'], datasets: ['rpool/zones/www'] }), [
    'zfs',
    'list',
    '-H',
    '-o',
    'name,used',
    'rpool/zones/www',
  ]);
  assert.deepEqual(zfsList({ props: ['name'], recursive: true, type: 'snapshot', datasets: ['a', 'b'] }), [
    'zfs',
    'list',
    '-H',
    '-o',
    'name',
    '-r',
    '-t',
    'snapshot',
    'a',
    'b',
  ]);
  assert.deepEqual(zfsList({ props: ['name'], recursive: true, depth: 1, type: 'all', datasets: ['rpool'] }), [
    'zfs',
    'list',
    '-H',
    '-o',
    'name',
    '-d',
    '1',
    '-t',
    'all',
    'rpool',
  ]);
});

test('parseZfsList maps tab-separated rows to the requested props', () => {
  const props = ['name', 'used', 'avail', 'refer', 'creation'];
  const out =
    'rpool/VARSHARE/zones/kz1/disk0@mig1\t1234567\t-\t8589934592\t1658107870\nrpool/VARSHARE/zones/kz1/disk0@mig2\t0\t-\t8589934592\t1658107999\n';
  assert.deepEqual(parseZfsList(out, props), [
    {
      name: 'rpool/VARSHARE/zones/kz1/disk0@mig1',
      used: '1234567',
      avail: '-',
      refer: '8589934592',
      creation: '1658107870',
    },
    { name: 'rpool/VARSHARE/zones/kz1/disk0@mig2', used: '0', avail: '-', refer: '8589934592', creation: '1658107999' },
  ]);
  assert.deepEqual(parseZfsList('', props), []);
  assert.deepEqual(parseZfsList('rpool/a\t/mnt/with space\n', ['name', 'mountpoint']), [
    { name: 'rpool/a', mountpoint: '/mnt/with space' },
  ]);
});

test('parseZfsList accepts whitespace-separated rows and rejects a wrong field count', () => {
  assert.deepEqual(parseZfsList('rpool/a   123  456\n', ['name', 'used', 'avail']), [
    { name: 'rpool/a', used: '123', avail: '456' },
  ]);
  assert.throws(
    () => parseZfsList('rpool/a\t123\n', ['name', 'used', 'avail']),
    (err: unknown) => err instanceof ParseError && err.command === 'zfs list' && err.line === 'rpool/a\t123',
  );
});

test('zfsGet puts -r before the operands (Solaris getopt stops at the first operand)', () => {
  assert.deepEqual(zfsGet({ props: ['used', 'zmig:migration'], datasets: ['rpool/zones/www'] }), [
    'zfs',
    'get',
    '-H',
    '-p',
    '-o',
    'name,property,value,source',
    'used,zmig:migration',
    'rpool/zones/www',
  ]);
  assert.deepEqual(
    zfsGet({ props: ['org.opensolaris.libbe:parentbe'], datasets: ['rpool/zones/www'], recursive: true }),
    [
      'zfs',
      'get',
      '-H',
      '-p',
      '-r',
      '-o',
      'name,property,value,source',
      'org.opensolaris.libbe:parentbe',
      'rpool/zones/www',
    ],
  );
});

test('parseZfsGet reads tab rows including inherited sources and unset values', () => {
  const out = [
    'rpool/ROOT\torg.opensolaris.libbe:parentbe\t-\t-',
    'rpool/ROOT/solaris\torg.opensolaris.libbe:parentbe\t89b52c6a-80a0-670d-e178-cb91c57061d3\tlocal',
    'rpool/zones/www/rpool\tzoned\ton\tinherited from rpool/zones/www',
    'rpool/zones/www\tavailable\t10737418240\t-',
  ].join('\n');
  assert.deepEqual(parseZfsGet(out), [
    { name: 'rpool/ROOT', property: 'org.opensolaris.libbe:parentbe', value: '-', source: '-' },
    {
      name: 'rpool/ROOT/solaris',
      property: 'org.opensolaris.libbe:parentbe',
      value: '89b52c6a-80a0-670d-e178-cb91c57061d3',
      source: 'local',
    },
    { name: 'rpool/zones/www/rpool', property: 'zoned', value: 'on', source: 'inherited from rpool/zones/www' },
    { name: 'rpool/zones/www', property: 'available', value: '10737418240', source: '-' },
  ]);
});

test('parseZfsGet takes only lines of exactly four tab-separated fields: a value with a tab cannot forge a row', () => {
  const isParseError = (err: unknown): boolean => err instanceof ParseError && err.command === 'zfs get';
  assert.throws(() => parseZfsGet('cannot open pool\n'), isParseError);
  assert.throws(() => parseZfsGet('rpool/ROOT/solaris  zoned  off  default\n'), isParseError);
  assert.throws(() => parseZfsGet('rpool/zones/www\tzmig:note\ta\tb\tlocal\n'), isParseError);
});

test('zoneBootEnvironments refuses rows outside the zone BE root and parentbe values that are not UUIDs', () => {
  const root = 'rpool/zones/www/rpool/ROOT';
  const uuid = '89b52c6a-80a0-670d-e178-cb91c57061d3';
  const row = (name: string, property: string, value: string) => ({ name, property, value, source: 'local' });
  assert.deepEqual(
    zoneBootEnvironments(root, [
      row(`${root}/solaris`, ZBE_PARENT_PROP, uuid),
      row(`${root}/solaris`, ZBE_ACTIVE_PROP, 'on'),
    ]),
    [{ name: 'solaris', parentbe: uuid, active: true }],
  );
  // A recursive snapshot (an operator's backup) lists the root's own snapshot and each BE's: none is a BE.
  assert.deepEqual(
    zoneBootEnvironments(root, [
      row(`${root}@backup`, ZBE_PARENT_PROP, '-'),
      row(`${root}/solaris@backup`, ZBE_ACTIVE_PROP, 'on'),
      row(`${root}/solaris`, ZBE_ACTIVE_PROP, 'on'),
    ]),
    [{ name: 'solaris', parentbe: '', active: true }],
  );
  assert.throws(() => zoneBootEnvironments(root, [row('rpool/ROOT/solaris', ZBE_PARENT_PROP, uuid)]), ParseError);
  assert.throws(() => zoneBootEnvironments(root, [row(`${root}x@backup`, ZBE_PARENT_PROP, uuid)]), ParseError);
  assert.throws(
    () => zoneBootEnvironments(root, [row(`${root}/solaris`, ZBE_PARENT_PROP, 'x; zfs destroy')]),
    ParseError,
  );
  assert.throws(() => zoneBootEnvironments(root, [row(`${root}/-r`, ZBE_PARENT_PROP, uuid)]), ParseError);
});

test('activeZoneBootEnvironment: the zone BEs whose parentbe is the running BE and which are active, whatever their property source', () => {
  const root = 'rpool/zones/www/rpool/ROOT';
  const mine = '89b52c6a-80a0-670d-e178-cb91c57061d3';
  const other = '0495d05d-3eb3-4c5e-a770-f5db14539bf9';
  // Received properties (a migrated zone) count as much as local ones.
  const rows = [
    ['solaris', mine, 'on', 'received'],
    ['solaris-1', mine, 'off', 'local'],
    ['solaris-2', other, 'on', 'local'],
    ['solaris-3', mine, 'on', 'local'],
  ].flatMap(([be, parent, active, source]) => [
    { name: `${root}/${be}`, property: ZBE_PARENT_PROP, value: parent!, source: source! },
    { name: `${root}/${be}`, property: ZBE_ACTIVE_PROP, value: active!, source: source! },
  ]);
  const zbes = zoneBootEnvironments(root, rows);
  assert.deepEqual(
    activeZoneBootEnvironment(zbes, mine).map((z) => z.name),
    ['solaris', 'solaris-3'],
    'two: preflight refuses',
  );
  assert.deepEqual(
    activeZoneBootEnvironment(zbes, other).map((z) => z.name),
    ['solaris-2'],
  );
  assert.deepEqual(activeZoneBootEnvironment(zbes, '11111111-2222-3333-4444-555555555555'), []);
});

test('snapshot, destroy, set, inherit builders', () => {
  assert.deepEqual(zfsSnapshot('rpool/zones/www@zmig-1', { recursive: true }), [
    'zfs',
    'snapshot',
    '-r',
    'rpool/zones/www@zmig-1',
  ]);
  assert.deepEqual(zfsSnapshot('pool1/www@zmig-1', { recursive: false, props: { 'zmig:migration': 'm1' } }), [
    'zfs',
    'snapshot',
    '-o',
    'zmig:migration=m1',
    'pool1/www@zmig-1',
  ]);
  assert.deepEqual(zfsDestroy('rpool/zones/www@zmig-1'), ['zfs', 'destroy', 'rpool/zones/www@zmig-1']);
  assert.deepEqual(zfsDestroy('rpool/zones/www', { recursive: true }), ['zfs', 'destroy', '-r', 'rpool/zones/www']);
  assert.deepEqual(zfsSet('rpool/zones/www', 'zmig:migration', 'm1'), [
    'zfs',
    'set',
    'zmig:migration=m1',
    'rpool/zones/www',
  ]);
  assert.deepEqual(zfsInherit('rpool/zones/www', 'zmig:migration'), [
    'zfs',
    'inherit',
    'zmig:migration',
    'rpool/zones/www',
  ]);
});

test('zfsSend per dialect: solaris11 -rc (the cold-move write-up), illumos -R', () => {
  assert.deepEqual(zfsSend('solaris11', { snapshot: 'rpool/zones/www@move', recursive: true }), [
    'zfs',
    'send',
    '-rc',
    'rpool/zones/www@move',
  ]);
  assert.deepEqual(zfsSend('solaris11', { snapshot: 'rpool/zones/www@move1', fromSnap: 'move', recursive: true }), [
    'zfs',
    'send',
    '-rc',
    '-i',
    '@move',
    'rpool/zones/www@move1',
  ]);
  assert.deepEqual(zfsSend('solaris11', { snapshot: 'pool1/vol@s2', fromSnap: '@s1', recursive: false }), [
    'zfs',
    'send',
    '-i',
    '@s1',
    'pool1/vol@s2',
  ]);
  assert.deepEqual(zfsSend('illumos', { snapshot: 'rpool/zones/www@move', recursive: true }), [
    'zfs',
    'send',
    '-R',
    'rpool/zones/www@move',
  ]);
  assert.deepEqual(zfsSend('illumos', { snapshot: 'rpool/zones/www@move1', fromSnap: 'move', recursive: true }), [
    'zfs',
    'send',
    '-R',
    '-i',
    '@move',
    'rpool/zones/www@move1',
  ]);
  assert.deepEqual(zfsSend('illumos', { snapshot: 'pool1/fs@s', recursive: false }), ['zfs', 'send', 'pool1/fs@s']);
});

test('zfsReceive is the same on both dialects', () => {
  for (const dialect of ['solaris11', 'illumos'] as const) {
    assert.deepEqual(zfsReceive(dialect, { parent: 'rpool/zones' }), ['zfs', 'receive', '-e', 'rpool/zones']);
    assert.deepEqual(
      zfsReceive(dialect, {
        parent: 'pool1',
        verbose: true,
        noMount: true,
        setProps: { 'zmig:migration': 'm1', canmount: 'noauto' },
      }),
      ['zfs', 'receive', '-v', '-u', '-e', '-o', 'zmig:migration=m1', '-o', 'canmount=noauto', 'pool1'],
    );
  }
});

test('parseReceiveVerbose reads streams and the byte total', () => {
  const err = [
    'receiving full stream of rpool/zones/www@move into rpool/zones/www@move',
    'receiving full stream of rpool/zones/www/rpool@move into rpool/zones/www/rpool@move',
    'receiving incremental stream of pool1/www@move1 into pool1/www@move1',
    'received 1.20GB stream in 12 seconds (102MB/sec)',
  ].join('\n');
  assert.deepEqual(parseReceiveVerbose(err), {
    streams: [
      { kind: 'full', source: 'rpool/zones/www@move', target: 'rpool/zones/www@move' },
      { kind: 'full', source: 'rpool/zones/www/rpool@move', target: 'rpool/zones/www/rpool@move' },
      { kind: 'incremental', source: 'pool1/www@move1', target: 'pool1/www@move1' },
    ],
    receivedBytes: Math.round(1.2 * 1024 ** 3),
  });
  assert.deepEqual(parseReceiveVerbose('would receive full stream of a/b@s into c/b@s\n'), {
    streams: [{ kind: 'full', source: 'a/b@s', target: 'c/b@s' }],
  });
});

test('classifyZfsError recognises the libzfs texts, wrapped or not', () => {
  assert.equal(classifyZfsError("cannot open 'pool/x': dataset does not exist\n"), 'does-not-exist');
  assert.equal(classifyZfsError("cannot open 'nopool': no such pool\n"), 'does-not-exist');
  assert.equal(classifyZfsError("cannot create snapshot 'pool/fs@s': dataset already exists\n"), 'exists');
  assert.equal(
    classifyZfsError(
      "cannot receive new filesystem stream: destination 'pool2/fs' exists\nmust specify -F to overwrite it\n",
    ),
    'exists',
  );
  assert.equal(classifyZfsError("cannot rollback 'pool/vol': dataset is busy\n"), 'busy');
  assert.equal(classifyZfsError("cannot destroy 'pool/vol': volume is busy\n"), 'busy');
  assert.equal(
    classifyZfsError(
      'cannot receive incremental stream: most recent snapshot of pool2/fs does not\nmatch incremental source\n',
    ),
    'incremental-mismatch',
  );
  assert.equal(
    classifyZfsError(
      'cannot receive incremental stream: destination pool2/fs has been modified\nsince most recent snapshot\n',
    ),
    'modified-since-snapshot',
  );
  assert.equal(classifyZfsError('invalid stream (checksum mismatch)\n'), 'other');
});
