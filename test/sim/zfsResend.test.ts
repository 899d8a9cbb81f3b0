import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedBaseHost } from '../../src/sim/fixtures';
import { relay, run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({
    hosts: [{ name: 's1' }, { name: 's2' }, { name: 'o1', release: 'omnios' }, { name: 'o2', release: 'omnios' }],
  });
  for (const host of Object.values(lab.hosts)) seedBaseHost(host);
});

after(() => lab.stop());

async function sh(host: string, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    const r = await run(lab, host, line);
    assert.equal(r.code, 0, `${host}: ${line}: ${r.stderr}`);
  }
}

/** pool1/r and pool1/r/k on `src` with @s1 received on `dst`, then @s2 (data changed in between) received too. */
async function seedPair(src: string, dst: string, flag: '-r' | '-R'): Promise<void> {
  const host = lab.hosts[src]!;
  host.writeBlocks(host.createDataset('pool1/r'), 4, true);
  host.createDataset('pool1/r/k');
  await sh(src, 'zfs snapshot -r pool1/r@s1');
  const full = await relay(
    lab,
    { host: src, line: `zfs send ${flag} pool1/r@s1` },
    { host: dst, line: 'zfs receive -u -d pool1' },
  );
  assert.equal(full.receive.code, 0, full.receive.stderr);
  host.writeBlocks(host.dataset('pool1/r')!, 2);
  await sh(src, 'zfs snapshot -r pool1/r@s2');
  const inc = await relay(
    lab,
    { host: src, line: `zfs send ${flag} -i @s1 pool1/r@s2` },
    { host: dst, line: 'zfs receive -u -d pool1' },
  );
  assert.equal(inc.receive.code, 0, inc.receive.stderr);
}

const SKIPPED = (name: string): string =>
  `receiving incremental stream of ${name}@s2 into ${name}@s2\nsnap ${name}@s2 already exists; ignoring\nreceived 0B stream in 1 seconds (0B/sec)\n`;

test('Solaris: re-receiving snapshots that exist with the same guid skips them (recursive and plain), exit 0', async () => {
  await seedPair('s1', 's2', '-r');
  const before = lab.hosts['s2']!.snapshotState();
  const again = await relay(
    lab,
    { host: 's1', line: 'zfs send -r -i @s1 pool1/r@s2' },
    { host: 's2', line: 'zfs receive -v -u -d pool1' },
  );
  assert.deepEqual(
    [again.receive.code, again.receive.stdout, again.receive.stderr],
    [0, SKIPPED('pool1/r') + SKIPPED('pool1/r/k'), ''],
  );
  const plain = await relay(
    lab,
    { host: 's1', line: 'zfs send -i @s1 pool1/r@s2' },
    { host: 's2', line: 'zfs receive -v -u pool1/r' },
  );
  assert.deepEqual([plain.receive.code, plain.receive.stdout, plain.receive.stderr], [0, SKIPPED('pool1/r'), '']);
  assert.deepEqual(lab.hosts['s2']!.snapshotState(), before);
});

test('Solaris: a modified target fails first; a same-named snapshot with another guid is "destination already exists"', async () => {
  const dst = lab.hosts['s2']!;
  dst.writeBlocks(dst.dataset('pool1/r')!, 1);
  const modified = await relay(
    lab,
    { host: 's1', line: 'zfs send -i @s1 pool1/r@s2' },
    { host: 's2', line: 'zfs receive -u pool1/r' },
  );
  assert.deepEqual(
    [modified.receive.code, modified.receive.stderr],
    [1, 'cannot receive incremental stream: destination pool1/r has been modified\nsince most recent snapshot\n'],
  );
  await sh('s2', 'zfs rollback pool1/r@s2', 'zfs snapshot pool1/r@s3');
  await sh('s1', 'zfs snapshot pool1/r@s3');
  const exists = await relay(
    lab,
    { host: 's1', line: 'zfs send -i @s2 pool1/r@s3' },
    { host: 's2', line: 'zfs receive -u pool1/r' },
  );
  assert.deepEqual(
    [exists.receive.code, exists.receive.stderr],
    [1, 'cannot restore to pool1/r@s3: destination already exists\n'],
  );
});

test('illumos: the snapshot name is checked first, so an existing snapshot is skipped even on a modified target', async () => {
  await seedPair('o1', 'o2', '-R');
  const dst = lab.hosts['o2']!;
  dst.writeBlocks(dst.dataset('pool1/r')!, 1);
  const again = await relay(
    lab,
    { host: 'o1', line: 'zfs send -R -i @s1 pool1/r@s2' },
    { host: 'o2', line: 'zfs receive -v -u -d pool1' },
  );
  assert.deepEqual(
    [again.receive.code, again.receive.stdout, again.receive.stderr],
    [0, SKIPPED('pool1/r') + SKIPPED('pool1/r/k'), ''],
  );
  // A new snapshot on the modified target fails after the fromguid check.
  await sh('o1', 'zfs snapshot -r pool1/r@s3');
  const next = await relay(
    lab,
    { host: 'o1', line: 'zfs send -i @s2 pool1/r@s3' },
    { host: 'o2', line: 'zfs receive -u pool1/r' },
  );
  assert.deepEqual(
    [next.receive.code, next.receive.stderr],
    [1, 'cannot receive incremental stream: destination pool1/r has been modified\nsince most recent snapshot\n'],
  );
  // -F rolls the modification back and receives.
  const forced = await relay(
    lab,
    { host: 'o1', line: 'zfs send -i @s2 pool1/r@s3' },
    { host: 'o2', line: 'zfs receive -u -F pool1/r' },
  );
  assert.equal(forced.receive.code, 0, forced.receive.stderr);
  assert.equal(dst.contentHash('pool1/r'), lab.hosts['o1']!.contentHash('pool1/r@s3'));
});

test('a full stream into an existing filesystem still needs -F, and -F refuses one with snapshots', async () => {
  await sh('o1', 'zfs snapshot pool1/r/k@only');
  const full = await relay(
    lab,
    { host: 'o1', line: 'zfs send pool1/r/k@only' },
    { host: 'o2', line: 'zfs receive -u pool1/r/k' },
  );
  assert.deepEqual(
    [full.receive.code, full.receive.stderr],
    [1, "cannot receive new filesystem stream: destination 'pool1/r/k' exists\nmust specify -F to overwrite it\n"],
  );
  const forced = await relay(
    lab,
    { host: 'o1', line: 'zfs send pool1/r/k@only' },
    { host: 'o2', line: 'zfs receive -u -F pool1/r/k' },
  );
  assert.deepEqual(
    [forced.receive.code, forced.receive.stderr],
    [
      1,
      'cannot receive new filesystem stream: destination has snapshots (eg. pool1/r/k@s1)\nmust destroy them to overwrite it\n',
    ],
  );
});
