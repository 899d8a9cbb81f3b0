import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedBaseHost } from '../../src/sim/fixtures';
import type { SimRelease } from '../../src/sim/model/release';
import { relay, run } from './sshClient';

let lab: Lab;
const K = 128 * 1024;
const GET_USAGE =
  'usage:\n\tget [-rHp] [-d max] [-o "all" | field[,...]] [-t type[,...]] [-s source[,...]]\n\t    <"all" | property[,...]> [filesystem|volume|snapshot] ...\n';
const LIST_USAGE =
  'usage:\n\tlist [-rH][-d max] [-o property[,...]] [-t type[,...]] [-s property] ...\n\t    [-S property] ... [filesystem|volume|snapshot] ...\n';

before(async () => {
  lab = await startLab({
    hosts: [{ name: 's0', release: '11.0' }, { name: 's4' }, { name: 'o1', release: 'omnios' }, { name: 'old' }],
  });
  for (const host of Object.values(lab.hosts)) seedBaseHost(host);
  // A host whose zfs predates `receive -o` (as zfs-fuse 0.7).
  const old = lab.hosts['old']!;
  const release: SimRelease = { ...old.release, zfs: { ...old.release.zfs, receiveSetProps: false } };
  (old as { release: SimRelease }).release = release;
  for (const name of ['s0', 's4', 'o1']) {
    const host = lab.hosts[name]!;
    const ds = host.createDataset('pool1/w');
    host.writeBlocks(ds, 3, true);
    host.zfs.takeSnapshot(ds, 's1');
    host.writeBlocks(ds, 2, true);
    host.zfs.takeSnapshot(ds, 's2');
    host.writeBlocks(ds, 1, true);
  }
});

after(() => lab.stop());

test('without `written` (Solaris 11.x) zfs get and zfs list reject written and written@snap like any unknown property', async () => {
  for (const host of ['s0', 's4']) {
    const get = await run(lab, host, 'zfs get written pool1/w');
    assert.deepEqual(
      [get.code, get.stdout, get.stderr],
      [2, '', `bad property list: invalid property 'written'\n${GET_USAGE}`],
    );
    const at = await run(lab, host, 'zfs get -H -o value written@s1 pool1/w');
    assert.deepEqual([at.code, at.stderr], [2, `bad property list: invalid property 'written@s1'\n${GET_USAGE}`]);
    const list = await run(lab, host, 'zfs list -H -o name,written pool1/w');
    assert.deepEqual([list.code, list.stderr], [2, `bad property list: invalid property 'written'\n${LIST_USAGE}`]);
    const all = await run(lab, host, 'zfs get -H -o property all pool1/w');
    assert.equal(all.code, 0);
    assert.ok(!all.stdout.split('\n').includes('written'));
  }
});

test('with `written` (OmniOS): written since the latest snapshot, written@snap of datasets and snapshots', async () => {
  const r = await run(
    lab,
    'o1',
    'zfs get -Hp -o name,property,value,source written,written@s1,written@nosuch pool1/w pool1/w@s2',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      `pool1/w\twritten\t${K}\t-`,
      `pool1/w\twritten@s1\t${3 * K}\tlocal`,
      'pool1/w\twritten@nosuch\t-\t-',
      `pool1/w@s2\twritten\t${2 * K}\t-`,
      `pool1/w@s2\twritten@s1\t${2 * K}\tlocal`,
      'pool1/w@s2\twritten@nosuch\t-\t-',
      '',
    ].join('\n'),
  );
  const list = await run(lab, 'o1', 'zfs list -H -o name,written,written@pool1/w@s1 pool1/w');
  assert.deepEqual([list.code, list.stdout], [0, 'pool1/w\t128K\t384K\n']);
});

test('zfs list -p only where the release has it; zfs get -Hp everywhere', async () => {
  const old = await run(lab, 's0', 'zfs list -p pool1/w');
  assert.deepEqual([old.code, old.stdout, old.stderr], [2, '', `invalid option 'p'\n${LIST_USAGE}`]);
  for (const host of ['s0', 's4', 'o1']) {
    const get = await run(lab, host, 'zfs get -Hp -o value used pool1/w');
    assert.deepEqual([get.code, get.stdout], [0, `${6 * K}\n`], host);
  }
  for (const host of ['s4', 'o1']) {
    const list = await run(lab, host, 'zfs list -Hp -o name,used pool1/w');
    assert.deepEqual([list.code, list.stdout], [0, `pool1/w\t${6 * K}\n`], host);
  }
});

test('zfs receive -o where the release has no property overrides: invalid option', async () => {
  await run(lab, 's4', 'zfs snapshot pool1/w@s3');
  const r = await relay(
    lab,
    { host: 's4', line: 'zfs send pool1/w@s3' },
    { host: 'old', line: 'zfs receive -o compression=gzip -d pool1' },
  );
  assert.deepEqual(
    [r.receive.code, r.receive.stderr],
    [
      2,
      "invalid option 'o'\nusage:\n\treceive [-vnF] <filesystem|volume|snapshot>\n\treceive [-vnF] -d <filesystem>\n",
    ],
  );
  assert.equal(lab.hosts['old']!.dataset('pool1/w'), undefined);
});
