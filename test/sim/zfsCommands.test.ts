import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;
const MiB = 1024 * 1024;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }] });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 4 * MiB, delegatedSizeBytes: 2 * MiB });
});

after(() => lab.stop());

test('zfs list -H -p: tab-separated exact numbers; -d bounds the depth; missing dataset', async () => {
  const r = await run(lab, 'node1', 'zfs list -H -p -o name,used,referenced,mountpoint -d 1 rpool/zones/www');
  assert.equal(r.stdout, 'rpool/zones/www\t4325376\t0\t/zones/www\nrpool/zones/www/rpool\t4325376\t0\t/rpool\n');
  const snaps = await run(lab, 'node1', 'zfs list -H -o name -t snapshot pool1/www');
  assert.deepEqual([snaps.code, snaps.stdout], [0, '']);
  const missing = await run(lab, 'node1', 'zfs list -H pool1/nope');
  assert.deepEqual([missing.code, missing.stderr], [1, "cannot open 'pool1/nope': dataset does not exist\n"]);
});

test('zfs list without -H aligns columns with a header', async () => {
  const r = await run(lab, 'node1', 'zfs list pool1/www');
  assert.equal(r.stdout, 'NAME       USED  AVAIL  REFER  MOUNTPOINT\npool1/www    2M   256G     2M  /pool1/www\n');
});

test('zfs get: sources local, default, inherited from, and - for read-only or unset user props', async () => {
  await run(lab, 'node1', 'zfs set zmig:owner=m1 rpool/zones/www');
  const r = await run(
    lab,
    'node1',
    'zfs get -H -p -o name,property,value,source zmig:owner,zoned,type,quota,org.opensolaris.libbe:uuid rpool/zones/www/rpool',
  );
  assert.equal(
    r.stdout,
    [
      'rpool/zones/www/rpool\tzmig:owner\tm1\tinherited from rpool/zones/www',
      'rpool/zones/www/rpool\tzoned\ton\tlocal',
      'rpool/zones/www/rpool\ttype\tfilesystem\t-',
      'rpool/zones/www/rpool\tquota\t0\tdefault',
      'rpool/zones/www/rpool\torg.opensolaris.libbe:uuid\t-\t-',
      '',
    ].join('\n'),
  );
  const bad = await run(lab, 'node1', 'zfs get -H nosuchprop pool1/www');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^bad property list: invalid property 'nosuchprop'\n/);
});

test('snapshots: already exists, no written on 11.4, destroy -r, rollback with newer snapshots', async () => {
  const host = lab.hosts['node1']!;
  assert.equal((await run(lab, 'node1', 'zfs snapshot -r pool1/www@s1')).code, 0);
  const dup = await run(lab, 'node1', 'zfs snapshot pool1/www@s1');
  assert.deepEqual([dup.code, dup.stderr], [1, "cannot create snapshot 'pool1/www@s1': dataset already exists\n"]);
  host.writeBlocks(host.dataset('pool1/www')!, 3, true);
  // Solaris 11.4 has no `written` property (release profile); zfsFeatures.test.ts has it on OmniOS.
  const written = await run(lab, 'node1', 'zfs get -H -p -o value written pool1/www');
  assert.deepEqual([written.code, written.stderr.split('\n')[0]], [2, "bad property list: invalid property 'written'"]);
  await run(lab, 'node1', 'zfs snapshot pool1/www@s2');
  const roll = await run(lab, 'node1', 'zfs rollback pool1/www@s1');
  assert.deepEqual(
    [roll.code, roll.stderr],
    [
      1,
      "cannot rollback to 'pool1/www@s1': more recent snapshots exist\nuse '-r' to force deletion of the following snapshots:\npool1/www@s2\n",
    ],
  );
  const busy = await run(lab, 'node1', 'zfs rollback -r pool1/www@s1');
  assert.deepEqual([busy.code, busy.stderr], [1, "cannot rollback 'pool1/www': dataset is busy\n"]);
  assert.equal((await run(lab, 'node1', 'zfs destroy -r pool1/www@s2')).code, 0);
  const none = await run(lab, 'node1', 'zfs destroy pool1/www@s2');
  assert.deepEqual([none.code, none.stderr], [1, 'could not find any snapshots to destroy; check snapshot names.\n']);
});

test('destroy: children need -r; datasets of a running zone are busy', async () => {
  const children = await run(lab, 'node1', 'zfs destroy rpool/zones/www/rpool/export');
  assert.equal(children.code, 1);
  assert.equal(
    children.stderr,
    "cannot destroy 'rpool/zones/www/rpool/export': filesystem has children\nuse '-r' to destroy the following datasets:\nrpool/zones/www/rpool/export/home\n",
  );
  const busy = await run(lab, 'node1', 'zfs destroy -r rpool/zones/www');
  assert.deepEqual([busy.code, busy.stderr], [1, "cannot destroy 'rpool/zones/www': dataset is busy\n"]);
  assert.equal((await run(lab, 'node1', 'zfs create -o zmig:owner=m1 rpool/zones/scratch')).code, 0);
  assert.equal((await run(lab, 'node1', 'zfs destroy rpool/zones/scratch')).code, 0);
  const pool = await run(lab, 'node1', 'zfs destroy pool1');
  assert.match(pool.stderr, /^cannot destroy 'pool1': operation does not apply to pools\n/);
});

test('create: parent must exist unless -p; set validates properties', async () => {
  const orphan = await run(lab, 'node1', 'zfs create pool1/a/b');
  assert.deepEqual([orphan.code, orphan.stderr], [1, "cannot create 'pool1/a/b': parent does not exist\n"]);
  assert.equal((await run(lab, 'node1', 'zfs create -p -o quota=1G pool1/a/b')).code, 0);
  assert.equal((await run(lab, 'node1', 'zfs get -H -o value quota pool1/a/b')).stdout, '1G\n');
  const ro = await run(lab, 'node1', 'zfs set used=5 pool1/a');
  assert.deepEqual([ro.code, ro.stderr], [1, "cannot set property for 'pool1/a': 'used' is readonly\n"]);
  const onoff = await run(lab, 'node1', 'zfs set zoned=maybe pool1/a');
  assert.equal(onoff.stderr, "cannot set property for 'pool1/a': 'zoned' must be one of 'on | off'\n");
});

test('dladm, beadm and svcs in the global zone', async () => {
  const vnic = await run(lab, 'node1', 'dladm show-vnic -p -o link,over www0');
  assert.deepEqual([vnic.code, vnic.stdout], [0, 'www0:net0\n']);
  const missing = await run(lab, 'node1', 'dladm show-vnic www9');
  assert.deepEqual([missing.code, missing.stderr], [1, "dladm: invalid vnic name 'www9': object not found\n"]);
  const be = await run(lab, 'node1', 'beadm list -H');
  assert.match(be.stdout, new RegExp(`^solaris;${lab.hosts['node1']!.activeBeUuid()};NR;/;\\d+;static;\\d+\\n$`));
  const svc = await run(lab, 'node1', 'svcs -H -o state svc:/system/zones:default');
  assert.equal(svc.stdout, 'online\n');
  const nosvc = await run(lab, 'node1', 'svcs -H -o state svc:/nope:default');
  assert.deepEqual([nosvc.code, nosvc.stderr], [1, "svcs: Pattern 'svc:/nope:default' doesn't match any instances\n"]);
});
