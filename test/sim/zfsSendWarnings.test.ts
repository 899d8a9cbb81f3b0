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
  for (const name of ['s1', 's2', 'o1', 'o2']) seedBaseHost(lab.hosts[name]!);
  // pool1/m (2 blocks) with children b and c; @only on m and c but not on b.
  for (const name of ['s1', 'o1']) {
    const host = lab.hosts[name]!;
    host.writeBlocks(host.createDataset('pool1/m'), 2, true);
    host.createDataset('pool1/m/b');
    host.createDataset('pool1/m/c');
    for (const ds of ['pool1/m', 'pool1/m/c']) host.zfs.takeSnapshot(host.dataset(ds)!, 'only');
  }
});

after(() => lab.stop());

const names = (host: string, under: string): string[] =>
  lab.hosts[host]!.zfs.tree(under).flatMap((d) => d.snapshots.map((s) => `${d.name}@${s.name}`));

test('Solaris send -r: a descendant without the snapshot gets a WARNING, the rest is a valid stream, exit 1', async () => {
  const r = await relay(
    lab,
    { host: 's1', line: 'zfs send -r pool1/m@only' },
    { host: 's2', line: 'zfs receive -u -d pool1' },
  );
  assert.deepEqual([r.send.code, r.send.stderr], [1, 'WARNING: could not send pool1/m/b@only: does not exist\n']);
  assert.deepEqual([r.receive.code, r.receive.stderr], [0, '']);
  assert.deepEqual(names('s2', 'pool1/m'), ['pool1/m@only', 'pool1/m/c@only']);
  assert.equal(lab.hosts['s2']!.contentHash('pool1/m'), lab.hosts['s1']!.contentHash('pool1/m@only'));
});

test('illumos send -R: the same WARNING and exit 1; the receive succeeds', async () => {
  const r = await relay(
    lab,
    { host: 'o1', line: 'zfs send -R pool1/m@only' },
    { host: 'o2', line: 'zfs receive -u -d pool1' },
  );
  assert.deepEqual([r.send.code, r.send.stderr], [1, 'WARNING: could not send pool1/m/b@only: does not exist\n']);
  assert.deepEqual([r.receive.code, r.receive.stderr], [0, '']);
  assert.deepEqual(names('o2', 'pool1/m'), ['pool1/m@only', 'pool1/m/c@only']);
});

test('Solaris send -v: "sending from @<from> to <ds>@<snap>", empty from for a full stream', async () => {
  const full = await run(lab, 's1', 'zfs send -v -r pool1/m@only');
  assert.equal(full.code, 1);
  assert.equal(
    full.stderr,
    [
      'sending from @ to pool1/m@only',
      'WARNING: could not send pool1/m/b@only: does not exist',
      'sending from @ to pool1/m/c@only',
      '',
    ].join('\n'),
  );
  const host = lab.hosts['s1']!;
  host.writeBlocks(host.dataset('pool1/m')!, 1, true);
  await run(lab, 's1', 'zfs snapshot -r pool1/m@two');
  // b lacks @only: a recursive incremental sends it in full.
  const inc = await run(lab, 's1', 'zfs send -v -r -i @only pool1/m@two');
  assert.equal(inc.code, 0);
  assert.equal(
    inc.stderr,
    [
      'sending from @only to pool1/m@two',
      'sending from @ to pool1/m/b@two',
      'sending from @only to pool1/m/c@two',
      '',
    ].join('\n'),
  );
  const plain = await run(lab, 's1', 'zfs send -v -i pool1/m@only pool1/m@two');
  assert.deepEqual([plain.code, plain.stderr], [0, 'sending from @only to pool1/m@two\n']);
});

test('illumos send -v: "full send of" / "send from @x to" with estimates, the total, then a progress header per snapshot', async () => {
  const host = lab.hosts['o1']!;
  host.writeBlocks(host.dataset('pool1/m')!, 1, true);
  await run(lab, 'o1', 'zfs snapshot -r pool1/m@two');
  const inc = await run(lab, 'o1', 'zfs send -v -R -i @only pool1/m@two');
  assert.equal(inc.code, 0, inc.stderr);
  assert.equal(
    inc.stderr,
    [
      'send from @only to pool1/m@two estimated size is 128K',
      'full send of pool1/m/b@two',
      'send from @only to pool1/m/c@two',
      'total estimated size is 128K',
      'TIME        SENT   SNAPSHOT',
      'TIME        SENT   SNAPSHOT',
      'TIME        SENT   SNAPSHOT',
      '',
    ].join('\n'),
  );
  const full = await run(lab, 'o1', 'zfs send -v pool1/m@only');
  assert.deepEqual(
    [full.code, full.stderr],
    [
      0,
      'full send of pool1/m@only estimated size is 256K\ntotal estimated size is 256K\nTIME        SENT   SNAPSHOT\n',
    ],
  );
});

test('illumos has no send -r', async () => {
  const r = await run(lab, 'o1', 'zfs send -r pool1/m@only');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^invalid option 'r'\nusage:\n/);
});
