import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  beadmList,
  dladmShowVnic,
  formatBytes,
  isDladmObjectNotFound,
  ParseError,
  parseBeadmList,
  parseDladmShowVnic,
  parseSize,
  parseSvcsState,
  parseUnameVersion,
  releaseMismatch,
  svcsState,
} from '../../src/solaris/index';

test('dladm show-vnic builder and parser with escaped MAC colons', () => {
  assert.deepEqual(dladmShowVnic(['www0', 'www1']), [
    'dladm',
    'show-vnic',
    '-p',
    '-o',
    'link,over,macaddress',
    'www0',
    'www1',
  ]);
  assert.deepEqual(parseDladmShowVnic('www0:net0:0\\:0\\:1\\:1f\\:c\\:10\nwww1:aggr1:2\\:8\\:20\\:ab\\:cd\\:ef\n'), [
    { link: 'www0', over: 'net0', macAddress: '0:0:1:1f:c:10' },
    { link: 'www1', over: 'aggr1', macAddress: '2:8:20:ab:cd:ef' },
  ]);
  assert.deepEqual(parseDladmShowVnic(''), []);
  assert.throws(
    () => parseDladmShowVnic('www0:net0:0:0:1:1f:c:10\n'),
    (err: unknown) =>
      err instanceof ParseError && err.command === 'dladm show-vnic -p' && err.line === 'www0:net0:0:0:1:1f:c:10',
  );
  assert.equal(isDladmObjectNotFound("dladm: invalid vnic name 'www9': object not found\n"), true);
  assert.equal(isDladmObjectNotFound('dladm: permission denied\n'), false);
});

test('beadm list -H parser reads the flags', () => {
  assert.deepEqual(beadmList(), ['beadm', 'list', '-H']);
  const out = [
    'tribblix;51f2d0f4-df6e-6e48-dc0a-a74f37e14930;NR;/;3387047936;static;1361968342',
    'solaris-1;89b52c6a-80a0-670d-e178-cb91c57061d3;R;;1234;static;1361968999',
    'solaris-0;0c4fd2a1-0000-4000-8000-000000000000;N;/;99;static;1361960000',
    'old;11111111-2222-3333-4444-555555555555;-;;0;static;1300000000',
  ].join('\n');
  assert.deepEqual(
    parseBeadmList(out).map((be) => [be.name, be.uuid, be.active, be.activeOnReboot]),
    [
      ['tribblix', '51f2d0f4-df6e-6e48-dc0a-a74f37e14930', true, true],
      ['solaris-1', '89b52c6a-80a0-670d-e178-cb91c57061d3', false, true],
      ['solaris-0', '0c4fd2a1-0000-4000-8000-000000000000', true, false],
      ['old', '11111111-2222-3333-4444-555555555555', false, false],
    ],
  );
  assert.throws(() => parseBeadmList('BE Active Mountpoint Space Policy Created\n'), ParseError);
});

test('svcs state builder and parser', () => {
  assert.deepEqual(svcsState('svc:/milestone/multi-user:default'), [
    'svcs',
    '-H',
    '-o',
    'state',
    'svc:/milestone/multi-user:default',
  ]);
  assert.equal(parseSvcsState('online\n'), 'online');
  assert.equal(parseSvcsState('offline*\n'), 'offline');
  assert.equal(parseSvcsState('  maintenance  \r\n'), 'maintenance');
  assert.throws(() => parseSvcsState(''), ParseError);
  assert.throws(() => parseSvcsState('online\noffline\n'), ParseError);
  assert.throws(() => parseSvcsState("svcs: Pattern 'foo' doesn't match any instances\n"), ParseError);
});

test('parseSize reads plain bytes, suffixes, fractions and B/iB forms', () => {
  assert.equal(parseSize('1048576'), 1048576);
  assert.equal(parseSize('512M'), 512 * 1024 ** 2);
  assert.equal(parseSize('10G'), 10 * 1024 ** 3);
  assert.equal(parseSize('1.5T'), 1.5 * 1024 ** 4);
  assert.equal(parseSize('16g'), 16 * 1024 ** 3);
  assert.equal(parseSize('1.20GB'), Math.round(1.2 * 1024 ** 3));
  assert.equal(parseSize('4GiB'), 4 * 1024 ** 3);
  assert.equal(parseSize('312B'), 312);
  for (const bad of ['', '-', 'G', '10X', '1..5G', '-5M', 'ten']) {
    assert.throws(
      () => parseSize(bad),
      (err: unknown) => err instanceof ParseError && err.line === bad,
      bad,
    );
  }
});

test('formatBytes prints zfs-style sizes', () => {
  assert.equal(formatBytes(0), '0');
  assert.equal(formatBytes(512), '512');
  assert.equal(formatBytes(1024), '1K');
  assert.equal(formatBytes(16 * 1024 ** 3), '16G');
  assert.equal(formatBytes(Math.round(1.2 * 1024 ** 3)), '1.20G');
  assert.equal(formatBytes(12.5 * 1024 ** 2), '12.5M');
  assert.equal(formatBytes(123.4 * 1024 ** 3), '123G');
  assert.equal(formatBytes(1.5 * 1024 ** 4), '1.50T');
  assert.throws(() => formatBytes(-1), RangeError);
  assert.throws(() => formatBytes(Number.NaN), RangeError);
});

test('formatBytes output parses back to within rounding', () => {
  for (const n of [1, 1000, 1536, 999_999, 5_000_000_000, 7 * 1024 ** 4 + 12345]) {
    const back = parseSize(formatBytes(n));
    assert.ok(Math.abs(back - n) / n < 0.01, `${n} -> ${formatBytes(n)} -> ${back}`);
  }
});

test('uname -v is read per family, and an older or foreign target release is named', () => {
  const s113 = parseUnameVersion('11.3\n');
  const s114 = parseUnameVersion('11.4.42.111.0\n');
  const omnios = parseUnameVersion('omnios-r151046-c1e2e0b5b0\n');
  assert.deepEqual(s114.parts, [11, 4, 42, 111, 0]);
  assert.equal(releaseMismatch(s113, s114), undefined);
  assert.equal(releaseMismatch(s114, s114), undefined);
  assert.match(releaseMismatch(s114, s113) ?? '', /target runs 11\.3, older than the source's 11\.4\.42\.111\.0/);
  assert.match(releaseMismatch(parseUnameVersion('11.4.42.111.0'), parseUnameVersion('11.4.40.107.0')) ?? '', /older/);
  assert.match(releaseMismatch(s114, omnios) ?? '', /one OS family/);
  assert.throws(() => parseUnameVersion('Generic_150400-40'), ParseError);
});

test('byte counts from zfs get -p are digits or a ParseError, never NaN', async () => {
  const { parseExactBytes, ParseError } = await import('../../src/solaris');
  assert.equal(parseExactBytes('1073741824', 'available'), 1073741824);
  for (const garbled of ['-', '', '1.2G', ' 12', '12 ', 'NaN', '0x10', '99999999999999999999']) {
    assert.throws(() => parseExactBytes(garbled, 'available'), ParseError, JSON.stringify(garbled));
  }
});
