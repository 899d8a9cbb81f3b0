import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { collect, relay, run, TestConnection } from './sshClient';

let lab: Lab;
const MiB = 1024 * 1024;
const TREE = [
  'rpool/zones/www',
  'rpool/zones/www/rpool',
  'rpool/zones/www/rpool/ROOT',
  'rpool/zones/www/rpool/ROOT/solaris',
  'rpool/zones/www/rpool/VARSHARE',
  'rpool/zones/www/rpool/export',
  'rpool/zones/www/rpool/export/home',
];

beforeEach(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }] });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 4 * MiB, delegatedSizeBytes: 2 * MiB });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
});

afterEach(() => lab.stop());

const send = (line: string) => ({ host: 'node1', line });
const receive = (line: string) => ({ host: 'node2', line });

test('full then incremental send/receive over SSH gives equal content on both hosts', async () => {
  const src = lab.hosts['node1']!;
  const dst = lab.hosts['node2']!;
  assert.equal((await run(lab, 'node1', 'pfexec zfs snapshot -r rpool/zones/www@zmig-1')).code, 0);
  const full = await relay(
    lab,
    send('pfexec zfs send -rc rpool/zones/www@zmig-1'),
    receive('pfexec zfs receive -v -u -e -o zmig:migration=m1 rpool/zones'),
  );
  assert.equal(full.receive.code, 0, full.receive.stderr);
  assert.equal(full.send.code, 0, full.send.stderr);
  assert.match(
    full.receive.stdout,
    /^receiving full stream of rpool\/zones\/www@zmig-1 into rpool\/zones\/www@zmig-1\nreceived \S+ stream in \d+ seconds \(\S+\/sec\)\n/,
  );
  for (const name of TREE) assert.equal(dst.contentHash(`${name}@zmig-1`), src.contentHash(`${name}@zmig-1`), name);
  assert.equal(
    dst.dataset('rpool/zones/www/rpool/ROOT/solaris@zmig-1'.split('@')[0]!)!.snapshots[0]!.guid,
    src.dataset('rpool/zones/www/rpool/ROOT/solaris')!.snapshots[0]!.guid,
  );
  const marker = await run(
    lab,
    'node2',
    'zfs get -H -o name,property,value,source zmig:migration rpool/zones/www rpool/zones/www/rpool',
  );
  assert.equal(
    marker.stdout,
    'rpool/zones/www\tzmig:migration\tm1\tlocal\nrpool/zones/www/rpool\tzmig:migration\tm1\tinherited from rpool/zones/www\n',
  );
  const parentbe = await run(
    lab,
    'node2',
    'zfs get -H -o value org.opensolaris.libbe:parentbe rpool/zones/www/rpool/ROOT/solaris',
  );
  assert.equal(parentbe.stdout.trim(), src.activeBeUuid());

  src.writeBlocks(src.dataset('rpool/zones/www/rpool/ROOT/solaris')!, 5);
  src.writeBlocks(src.dataset('rpool/zones/www/rpool/ROOT/solaris')!, 2, true);
  await run(lab, 'node1', 'zfs snapshot -r rpool/zones/www@zmig-2');
  const inc = await relay(
    lab,
    send('zfs send -rc -i @zmig-1 rpool/zones/www@zmig-2'),
    receive('zfs receive -v -e rpool/zones'),
  );
  assert.equal(inc.receive.code, 0, inc.receive.stderr);
  assert.match(inc.receive.stdout, /receiving incremental stream of rpool\/zones\/www\/rpool\/ROOT\/solaris@zmig-2/);
  for (const name of TREE) {
    assert.equal(dst.contentHash(name), src.contentHash(`${name}@zmig-2`), name);
    assert.deepEqual(
      dst.dataset(name)!.snapshots.map((s) => s.name),
      ['zmig-1', 'zmig-2'],
    );
  }
});

test("an incremental stream whose source is not the target's latest snapshot is refused", async () => {
  await run(lab, 'node1', 'zfs snapshot -r rpool/zones/www@a');
  await relay(lab, send('zfs send -rc rpool/zones/www@a'), receive('zfs receive -e rpool/zones'));
  await run(lab, 'node1', 'zfs snapshot -r rpool/zones/www@b');
  await run(lab, 'node1', 'zfs snapshot -r rpool/zones/www@c');
  const r = await relay(
    lab,
    send('zfs send -rc -i rpool/zones/www@b rpool/zones/www@c'),
    receive('zfs receive -e rpool/zones'),
  );
  assert.equal(r.receive.code, 1);
  assert.equal(
    r.receive.stderr,
    'cannot receive incremental stream: most recent snapshot of rpool/zones/www does not\nmatch incremental source\n',
  );
  assert.deepEqual(
    lab.hosts['node2']!.dataset('rpool/zones/www')!.snapshots.map((s) => s.name),
    ['a'],
  );
});

test('full stream into an existing dataset, and a modified target, are refused', async () => {
  await run(lab, 'node1', 'zfs snapshot -r pool1/www@a');
  assert.equal((await relay(lab, send('zfs send -rc pool1/www@a'), receive('zfs receive -e pool1'))).receive.code, 0);
  const again = await relay(lab, send('zfs send -rc pool1/www@a'), receive('zfs receive -e pool1'));
  assert.equal(
    again.receive.stderr,
    "cannot receive new filesystem stream: destination 'pool1/www' exists\nmust specify -F to overwrite it\n",
  );
  const dst = lab.hosts['node2']!;
  dst.writeBlocks(dst.dataset('pool1/www')!, 1);
  await run(lab, 'node1', 'zfs snapshot -r pool1/www@b');
  const modified = await relay(lab, send('zfs send -rc -i @a pool1/www@b'), receive('zfs receive -e pool1'));
  assert.equal(
    modified.receive.stderr,
    'cannot receive incremental stream: destination pool1/www has been modified\nsince most recent snapshot\n',
  );
  const forced = await relay(lab, send('zfs send -rc -i @a pool1/www@b'), receive('zfs receive -F -e pool1'));
  assert.equal(forced.receive.code, 0, forced.receive.stderr);
  assert.equal(dst.contentHash('pool1/www'), lab.hosts['node1']!.contentHash('pool1/www@b'));
});

test('a stream cut short leaves nothing of the dataset in flight; datasets completed before it remain', async () => {
  const src = lab.hosts['node1']!;
  await run(lab, 'node1', 'zfs snapshot -r rpool/zones/www@zmig-1');
  // Records are sent parents first; the zone BE (3 MiB) is the fourth. Cut the stream inside it.
  lab.faults.add({
    host: 'node1',
    match: 'zfs send',
    action: 'fail',
    afterBytes: 2 * MiB,
    stderr: 'zfs: write error: Broken pipe',
  });
  const r = await relay(lab, send('zfs send -rc rpool/zones/www@zmig-1'), receive('zfs receive -e rpool/zones'));
  assert.equal(r.send.code, 1);
  assert.equal(r.send.stderr, 'zfs: write error: Broken pipe\n');
  assert.equal(r.receive.code, 1);
  assert.equal(r.receive.stderr, 'cannot receive: failed to read from stream\n');
  const received = lab.hosts['node2']!.zfs.descendants('rpool/zones').map((d) => d.name);
  assert.deepEqual(received, ['rpool/zones/www', 'rpool/zones/www/rpool', 'rpool/zones/www/rpool/ROOT']);
  assert.ok(src.dataset('rpool/zones/www/rpool/ROOT/solaris'));
});

test('a corrupted block fails the checksum and is not applied', async () => {
  await run(lab, 'node1', 'zfs snapshot pool1/www@a');
  const sent = lab.hosts['node1']!;
  const conn = await TestConnection.open(lab, 'node1');
  const channel = await conn.channel('zfs send pool1/www@a');
  const parts: Buffer[] = [];
  channel.on('data', (d: Buffer) => parts.push(d));
  await collect(channel);
  conn.end();
  const stream = Buffer.concat(parts);
  assert.ok(stream.length > 2 * MiB && stream.length < 2 * MiB + 8192, String(stream.length));
  const corrupt = Buffer.from(stream);
  const at = stream.length - 100 * 1024;
  corrupt.writeUInt8(corrupt.readUInt8(at) ^ 0xff, at);
  const r = await run(lab, 'node2', 'zfs receive -e pool1', corrupt);
  assert.deepEqual(
    [r.code, r.stderr],
    [1, 'cannot receive new filesystem stream: invalid stream (checksum mismatch)\n'],
  );
  assert.equal(lab.hosts['node2']!.dataset('pool1/www'), undefined);
  const ok = await run(lab, 'node2', 'zfs receive -e pool1', stream);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(lab.hosts['node2']!.contentHash('pool1/www'), sent.contentHash('pool1/www@a'));
});

test('direct transport: sh -c "zfs send … | ssh node2 zfs receive …" on the source host', async () => {
  await run(lab, 'node1', 'zfs snapshot -r pool1/www@d1');
  const line =
    "pfexec /bin/sh -c 'zfs send -rc pool1/www@d1 | ssh -o BatchMode=yes node2 pfexec zfs receive -v -e pool1'";
  const r = await run(lab, 'node1', line);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /receiving full stream of pool1\/www@d1 into pool1\/www@d1/);
  assert.equal(lab.hosts['node2']!.contentHash('pool1/www'), lab.hosts['node1']!.contentHash('pool1/www@d1'));
  assert.ok(
    lab.commandLog.some((c) => c.host === 'node2' && c.line === 'pfexec zfs receive -v -e pool1' && c.exitCode === 0),
  );
  const failing = await run(lab, 'node1', "sh -c 'zfs send -rc pool1/www@d1 | ssh node2 zfs receive -e pool1'");
  assert.equal(failing.code, 1);
  assert.match(failing.stderr, /destination 'pool1\/www' exists/);
  const unknown = await run(lab, 'node1', "sh -c 'zfs send pool1/www@d1 | ssh node9 zfs receive -e pool1'");
  assert.deepEqual(
    [unknown.code, unknown.stderr],
    [255, 'ssh: Could not resolve hostname node9: Name or service not known\n'],
  );
});

test('send errors: missing snapshot, missing incremental source', async () => {
  // libzfs dump_filesystem(): a missing snapshot is a WARNING and exit 1; a missing filesystem is a
  // zfs_open() error.
  const missing = await run(lab, 'node1', 'zfs send -rc pool1/www@nope');
  assert.deepEqual([missing.code, missing.stderr], [1, 'WARNING: could not send pool1/www@nope: does not exist\n']);
  const noFs = await run(lab, 'node1', 'zfs send pool1/nope@x');
  assert.deepEqual(
    [noFs.code, noFs.stderr, noFs.stdout],
    [1, "cannot open 'pool1/nope': dataset does not exist\n", ''],
  );
  await run(lab, 'node1', 'zfs snapshot pool1/www@b');
  // Recursive: a filesystem without the incremental source is sent in full, silently.
  const noFromRecursive = await run(lab, 'node1', 'zfs send -rc -i @a pool1/www@b');
  assert.deepEqual([noFromRecursive.code, noFromRecursive.stderr], [0, '']);
  const noFrom = await run(lab, 'node1', 'zfs send -i @a pool1/www@b');
  assert.deepEqual(
    [noFrom.code, noFrom.stderr],
    [1, 'WARNING: could not send pool1/www@b:\nincremental source (pool1/www@a) does not exist\n'],
  );
  const dash = await run(lab, 'node1', 'zfs send -c pool1/www@b');
  assert.equal(dash.code, 2);
});

test('receive -n -v reads the whole stream, says what it would do, and changes nothing', async () => {
  await run(lab, 'node1', 'zfs snapshot -r pool1/www@n');
  const before = lab.hosts['node2']!.snapshotState();
  const r = await relay(lab, send('zfs send -rc pool1/www@n'), receive('zfs receive -n -v -e pool1'));
  assert.equal(r.receive.code, 0, r.receive.stderr);
  assert.equal(r.send.code, 0);
  assert.equal(r.receive.stdout, 'would receive full stream of pool1/www@n into pool1/www@n\n');
  assert.deepEqual(lab.hosts['node2']!.snapshotState(), before);
});
