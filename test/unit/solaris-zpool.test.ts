import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  InvalidArgumentError,
  ParseError,
  parseScanLines,
  parseZdbLabels,
  parseZpoolImportListing,
  parseZpoolStatus,
  zdbLabels,
  zpoolAttach,
  zpoolDetach,
  zpoolImportTemporary,
} from '../../src/solaris';

const G = 1024 ** 3;
const M = 1024 ** 2;

// Solaris 11.0 zpool_main.c print_scan_status and Oracle's "Viewing Resilvering Status" (11.4).
test('scan lines: 11.0–11.3 (scanned out of, then resilvered %), with and without an estimate', () => {
  assert.deepEqual(
    parseScanLines([
      'resilver in progress since Mon Jun  7 09:17:27 2010',
      '    13.3G scanned out of 47.9G at 18.5M/s, 0h32m to go',
      '    13.3G resilvered, 27.71% done',
    ]),
    {
      kind: 'resilver',
      state: 'in-progress',
      scannedBytes: Math.round(13.3 * G),
      totalBytes: Math.round(47.9 * G),
      bytesPerSec: Math.round(18.5 * M),
      secondsToGo: 32 * 60,
      processedBytes: Math.round(13.3 * G),
      percent: 27.71,
    },
  );
  const slow = parseScanLines([
    'scrub in progress since Mon Jun  7 09:17:27 2010',
    '    1.00G scanned out of 900T at 1/s, (scan is slow, no estimated time)',
    '    0 repaired, 0.00% done',
  ]);
  assert.equal(slow.kind, 'scrub');
  assert.ok('state' in slow && slow.state === 'in-progress' && slow.secondsToGo === undefined && slow.percent === 0);
});

test('scan lines: 11.4 (resilvered at rate, percent, time to go), the h/m and m/s time forms', () => {
  const scan = parseScanLines([
    'resilver in progress since Mon Jun  7 09:17:27 2010',
    '    13.3G scanned',
    '    13.3G resilvered at 18.5M/s, 82.34% done, 0h2m to go',
  ]);
  assert.ok('state' in scan && scan.state === 'in-progress');
  assert.deepEqual([scan.percent, scan.secondsToGo, scan.bytesPerSec], [82.34, 120, Math.round(18.5 * M)]);
  // The storage-move write-up's progress lines (docs/procedures.md#kzstoragemove).
  const later = parseScanLines([
    'resilver in progress since Thu Aug  3 10:00:00 2023',
    '455M resilvered at 39M/s, 5.58% done, 1m35s to go',
  ]);
  assert.ok('state' in later && later.state === 'in-progress');
  assert.deepEqual([later.processedBytes, later.percent, later.secondsToGo], [455 * M, 5.58, 95]);
});

test('scan lines: finished, canceled and never scanned', () => {
  assert.deepEqual(parseScanLines(['resilvered 16.2G in 0h16m with 0 errors on Mon Jun  7 09:34:21 2010']), {
    kind: 'resilver',
    state: 'finished',
    processedBytes: Math.round(16.2 * G),
    seconds: 16 * 60,
    errors: 0,
  });
  assert.equal(parseScanLines(['scrub repaired 0 in 0h5m with 0 errors on Mon Jun  7 09:34:21 2010']).kind, 'scrub');
  assert.deepEqual(parseScanLines(['resilver canceled on Mon Jun  7 09:34:21 2010']), {
    kind: 'resilver',
    state: 'canceled',
  });
  assert.deepEqual(parseScanLines(['none requested']), { kind: 'none' });
  assert.throws(() => parseScanLines(['something else']), ParseError);
  assert.throws(() => parseScanLines(['resilver in progress since x', 'garbage']), ParseError);
});

const RESILVERING = `  pool: rpool
 state: DEGRADED
status: One or more devices is currently being resilvered.  The pool will
\tcontinue to function, possibly in a degraded state.
action: Wait for the resilver to complete.
  scan: resilver in progress since Mon Jun  7 09:17:27 2010
    13.3G scanned
    13.3G resilvered at 18.5M/s, 82.34% done, 0h2m to go
config:

\tNAME        STATE     READ WRITE CKSUM
\trpool       DEGRADED     0     0     0
\t  mirror-0  DEGRADED     0     0     0
\t    c1d1    ONLINE       0     0     0
\t    c1d2    DEGRADED     0     0     0  (resilvering)

errors: No known data errors
`;

test('zpool status: header, wrapped status text, scan, the config tree by depth with notes, errors', () => {
  const [pool] = parseZpoolStatus(RESILVERING);
  assert.equal(pool?.pool, 'rpool');
  assert.equal(pool?.state, 'DEGRADED');
  assert.equal(
    pool?.status,
    'One or more devices is currently being resilvered.  The pool will continue to function, possibly in a degraded state.',
  );
  assert.equal(pool?.action, 'Wait for the resilver to complete.');
  assert.equal(pool?.scan.kind, 'resilver');
  assert.deepEqual(
    pool?.config.map((v) => [v.name, v.depth, v.state, v.note ?? '']),
    [
      ['rpool', 0, 'DEGRADED', ''],
      ['mirror-0', 1, 'DEGRADED', ''],
      ['c1d1', 2, 'ONLINE', ''],
      ['c1d2', 2, 'DEGRADED', '(resilvering)'],
    ],
  );
  assert.equal(pool?.errors, 'No known data errors');
});

test('zpool status: a healthy pool has no status or action, and two pools come back as two', () => {
  const healthy = `  pool: rpool\n state: ONLINE\n  scan: none requested\nconfig:\n\n\tNAME        STATE     READ WRITE CKSUM\n\trpool       ONLINE       0     0     0\n\t  c1d0      ONLINE       0     0     0\n\nerrors: No known data errors\n`;
  const pools = parseZpoolStatus(healthy + '\n' + RESILVERING);
  assert.deepEqual(
    pools.map((p) => [p.pool, p.state, p.status === undefined, p.scan.kind]),
    [
      ['rpool', 'ONLINE', true, 'none'],
      ['rpool', 'DEGRADED', false, 'resilver'],
    ],
  );
  assert.throws(() => parseZpoolStatus('state: ONLINE\n'), ParseError);
});

test('zpool import listing (show_import): id, state, "last accessed by another system", and none available', () => {
  const out = `   pool: rpool
     id: 3778921145927357706
  state: ONLINE
 status: The pool was last accessed by another system.
 action: The pool can be imported using its name or numeric identifier and
\tthe '-f' flag.
config:

\trpool       ONLINE
\t  c1d0      ONLINE
`;
  const [pool] = parseZpoolImportListing(out);
  assert.deepEqual(
    [pool?.name, pool?.id, pool?.state, pool?.inUseElsewhere],
    ['rpool', '3778921145927357706', 'ONLINE', true],
  );
  assert.equal(pool?.action, "The pool can be imported using its name or numeric identifier and the '-f' flag.");
  assert.deepEqual(
    pool?.config.map((v) => [v.name, v.depth, v.state]),
    [
      ['rpool', 0, 'ONLINE'],
      ['c1d0', 1, 'ONLINE'],
    ],
  );
  assert.deepEqual(parseZpoolImportListing('no pools available to import\n'), []);
  assert.throws(() => parseZpoolImportListing('   pool: x\n     id: abc\n  state: ONLINE\n'), ParseError);
});

test('zdb -l: label 0 in full, later labels that match it, unreadable labels', () => {
  const out = `------------------------------------------
LABEL 0
------------------------------------------
    timestamp: 1658107870 UTC: Mon Jul 18 01:31:10 2022
    version: 46
    name: 'rpool'
    state: 0
    txg: 41235
    pool_guid: 1234567890123456789
    hostid: 2257813684
    hostname: 'kzone1'
    vdev_children: 1
    vdev_tree:
        type: 'disk'
        id: 0
        path: '/dev/dsk/c1d0s0'
        devid: 'id1,kdev@A/a'
        phys_path: '/zvnex/zvblk@0:b'
        whole_disk: 1
------------------------------------------
LABEL 1 - CONFIG MATCHES LABEL 0
------------------------------------------
------------------------------------------
LABEL 2
------------------------------------------
failed to unpack label 2
`;
  const [zero, one, two] = parseZdbLabels(out);
  assert.equal(zero?.fields['name'], 'rpool');
  assert.equal(zero?.fields['hostname'], 'kzone1');
  assert.equal(zero?.fields['timestamp'], '1658107870 UTC: Mon Jul 18 01:31:10 2022');
  assert.equal(zero?.vdevTree['phys_path'], '/zvnex/zvblk@0:b');
  assert.equal(zero?.vdevTree['path'], '/dev/dsk/c1d0s0');
  assert.deepEqual([one?.matches, one?.vdevTree['phys_path']], [0, '/zvnex/zvblk@0:b']);
  assert.equal(two?.unreadable, true);
  assert.throws(() => parseZdbLabels('    name: x\n'), ParseError);
});

test('builders: Solaris and illumos temporary-name import, attach, detach, zdb; names checked', () => {
  const o = { altroot: '/mnt/1', pool: 'rpool', tempName: 'kz1', force: true, noMount: true };
  assert.deepEqual(zpoolImportTemporary('solaris11', o), [
    'zpool',
    'import',
    '-R',
    '/mnt/1',
    '-N',
    '-f',
    '-t',
    'kz1',
    'rpool',
  ]);
  assert.deepEqual(zpoolImportTemporary('illumos', o), [
    'zpool',
    'import',
    '-R',
    '/mnt/1',
    '-N',
    '-f',
    '-t',
    'rpool',
    'kz1',
  ]);
  assert.deepEqual(zpoolImportTemporary('solaris11', { ...o, pool: '3778921145927357706' }).slice(-1), [
    '3778921145927357706',
  ]);
  assert.deepEqual(zpoolAttach('rpool', 'c1d1', 'c1d2', { force: true }), [
    'zpool',
    'attach',
    '-f',
    'rpool',
    'c1d1',
    'c1d2',
  ]);
  assert.deepEqual(zpoolDetach('rpool', 'c1d1'), ['zpool', 'detach', 'rpool', 'c1d1']);
  assert.deepEqual(zdbLabels('/dev/rdsk/c0t600144F0d0s0'), ['zdb', '-l', '/dev/rdsk/c0t600144F0d0s0']);
  assert.throws(() => zpoolDetach('rpool', '-f'), InvalidArgumentError);
  assert.throws(() => zpoolImportTemporary('solaris11', { ...o, tempName: 'a b' }), InvalidArgumentError);
});
