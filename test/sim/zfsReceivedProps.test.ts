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

/** Runs command lines one after another on a host; each must succeed. */
async function sh(host: string, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    const r = await run(lab, host, line);
    assert.equal(r.code, 0, `${host}: ${line}: ${r.stderr}`);
  }
}

async function get(host: string, args: string): Promise<string> {
  const r = await run(lab, host, `zfs get ${args}`);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

test('properties that arrive in a -r stream are received; children inherit them; set makes local; inherit -S reverts', async () => {
  await sh(
    's1',
    'zfs create -o org.example:x=hello -o compression=on -o quota=1G pool1/a',
    'zfs create -o org.example:y=child pool1/a/b',
    'zfs snapshot -o org.example:s=snapval -r pool1/a@s1',
  );
  const r = await relay(
    lab,
    { host: 's1', line: 'zfs send -r pool1/a@s1' },
    { host: 's2', line: 'zfs receive -d pool1' },
  );
  assert.deepEqual([r.send.code, r.receive.code], [0, 0], r.receive.stderr);

  assert.equal(
    await get('s2', '-H -o name,property,value,source org.example:x,compression pool1/a pool1/a/b'),
    [
      'pool1/a\torg.example:x\thello\treceived',
      'pool1/a\tcompression\ton\treceived',
      'pool1/a/b\torg.example:x\thello\tinherited from pool1/a',
      'pool1/a/b\tcompression\ton\tinherited from pool1/a',
      '',
    ].join('\n'),
  );
  assert.equal(
    await get('s2', '-H -o name,property,value,source org.example:y pool1/a/b'),
    'pool1/a/b\torg.example:y\tchild\treceived\n',
  );
  // Snapshot properties of a package are received too; the dataset's are inherited by its snapshots.
  assert.equal(
    await get('s2', '-H -o name,property,value,source org.example:s,org.example:x pool1/a@s1'),
    [
      'pool1/a@s1\torg.example:s\tsnapval\treceived',
      'pool1/a@s1\torg.example:x\thello\tinherited from pool1/a',
      '',
    ].join('\n'),
  );
  assert.equal(
    await get('s2', '-H -o name,property,value,source -s received all pool1/a'),
    [
      'pool1/a\tquota\t1G\treceived',
      'pool1/a\tcompression\ton\treceived',
      'pool1/a\torg.example:x\thello\treceived',
      '',
    ].join('\n'),
  );
  assert.equal(
    await get('s2', '-Hp -o name,property,value,received,source quota pool1/a pool1/a/b'),
    ['pool1/a\tquota\t1073741824\t1073741824\treceived', 'pool1/a/b\tquota\t0\t-\tdefault', ''].join('\n'),
  );

  // A local value overrides the received one, which the RECEIVED column still shows.
  await sh('s2', 'zfs set org.example:x=over pool1/a');
  assert.equal(
    await get('s2', '-H -o name,property,value,received,source org.example:x pool1/a'),
    'pool1/a\torg.example:x\tover\thello\tlocal\n',
  );
  assert.equal(
    await get('s2', '-H -o name,property,value,source org.example:x pool1/a/b'),
    'pool1/a/b\torg.example:x\tover\tinherited from pool1/a\n',
  );
  await sh('s2', 'zfs inherit -S org.example:x pool1/a');
  assert.equal(
    await get('s2', '-H -o name,property,value,received,source org.example:x pool1/a'),
    'pool1/a\torg.example:x\thello\thello\treceived\n',
  );

  // Plain inherit (no -S) explicitly inherits: the received value stays hidden but is kept.
  await sh('s2', 'zfs set compression=gzip pool1/a', 'zfs inherit compression pool1/a');
  assert.equal(
    await get('s2', '-H -o name,property,value,received,source compression pool1/a'),
    'pool1/a\tcompression\toff\ton\tdefault\n',
  );
  await sh('s2', 'zfs inherit -S compression pool1/a');
  assert.equal(
    await get('s2', '-H -o name,property,value,received,source compression pool1/a'),
    'pool1/a\tcompression\ton\ton\treceived\n',
  );
});

test('a plain send carries no properties', async () => {
  await sh('s1', 'zfs create -o org.example:x=plain pool1/p', 'zfs snapshot pool1/p@s1');
  const r = await relay(lab, { host: 's1', line: 'zfs send pool1/p@s1' }, { host: 's2', line: 'zfs receive pool1/p' });
  assert.deepEqual([r.send.code, r.receive.code], [0, 0], r.receive.stderr);
  assert.equal(
    await get('s2', '-H -o name,property,value,source org.example:x pool1/p'),
    'pool1/p\torg.example:x\t-\t-\n',
  );
});

test('receive -o sets the top dataset locally and forces descendants to inherit it (illumos -R)', async () => {
  await sh(
    'o1',
    'zfs create -o org.example:x=hello -o compression=on pool1/c',
    'zfs create -o compression=gzip pool1/c/d',
    'zfs snapshot -r pool1/c@s1',
  );
  const r = await relay(
    lab,
    { host: 'o1', line: 'zfs send -R pool1/c@s1' },
    { host: 'o2', line: 'zfs receive -u -o compression=lz4 -d pool1' },
  );
  assert.deepEqual([r.send.code, r.receive.code], [0, 0], r.receive.stderr);
  assert.equal(
    await get('o2', '-H -o name,property,value,received,source compression,org.example:x pool1/c pool1/c/d'),
    [
      'pool1/c\tcompression\tlz4\ton\tlocal',
      'pool1/c\torg.example:x\thello\thello\treceived',
      'pool1/c/d\tcompression\tlz4\tgzip\tinherited from pool1/c',
      'pool1/c/d\torg.example:x\thello\t-\tinherited from pool1/c',
      '',
    ].join('\n'),
  );
  // The overridden received value of the descendant comes back with inherit -S.
  await sh('o2', 'zfs inherit -S compression pool1/c/d');
  assert.equal(
    await get('o2', '-H -o name,property,value,source compression pool1/c/d'),
    'pool1/c/d\tcompression\tgzip\treceived\n',
  );
});

test('an incremental stream updates received values and drops those the sender no longer has', async () => {
  await sh('o1', 'zfs create -o org.example:keep=1 -o org.example:gone=1 pool1/i', 'zfs snapshot pool1/i@s1');
  const full = await relay(
    lab,
    { host: 'o1', line: 'zfs send -R pool1/i@s1' },
    { host: 'o2', line: 'zfs receive -u -d pool1' },
  );
  assert.equal(full.receive.code, 0, full.receive.stderr);
  await sh('o2', 'zfs set org.example:keep=mine pool1/i');
  await sh(
    'o1',
    'zfs set org.example:keep=2 pool1/i',
    'zfs inherit org.example:gone pool1/i',
    'zfs snapshot pool1/i@s2',
  );
  const inc = await relay(
    lab,
    { host: 'o1', line: 'zfs send -R -i @s1 pool1/i@s2' },
    { host: 'o2', line: 'zfs receive -u -d pool1' },
  );
  assert.equal(inc.receive.code, 0, inc.receive.stderr);
  assert.equal(
    await get('o2', '-H -o name,property,value,received,source org.example:keep,org.example:gone pool1/i'),
    ['pool1/i\torg.example:keep\tmine\t2\tlocal', 'pool1/i\torg.example:gone\t-\t-\t-', ''].join('\n'),
  );
});
