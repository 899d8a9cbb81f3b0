import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedBaseHost, seedSourceHost } from '../../src/sim/fixtures';
import { relay, run } from './sshClient';

let lab: Lab;
const MiB = 1024 * 1024;

before(async () => {
  lab = await startLab({ hosts: [{ name: 's1' }, { name: 's2' }, { name: 'o1', release: 'omnios' }] });
  seedSourceHost(lab.hosts['s1']!, { sizeBytes: 2 * MiB, delegatedSizeBytes: MiB });
  seedBaseHost(lab.hosts['s2']!);
  seedBaseHost(lab.hosts['o1']!);
});

after(() => lab.stop());

async function mounted(host: string, names: string): Promise<string> {
  const r = await run(lab, host, `zfs get -H -o name,value mounted ${names}`);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function sh(host: string, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    const r = await run(lab, host, line);
    assert.equal(r.code, 0, `${host}: ${line}: ${r.stderr}`);
  }
}

test('fixture datasets are mounted as zfs create would mount them; the zonepath dataset is the one mounted there', async () => {
  const src = lab.hosts['s1']!;
  assert.equal(
    await mounted('s1', 'rpool/zones/www rpool/zones/www/rpool rpool/zones/www/rpool/ROOT/solaris pool1/www'),
    [
      'rpool/zones/www\tyes',
      'rpool/zones/www/rpool\tno',
      'rpool/zones/www/rpool/ROOT/solaris\tno',
      'pool1/www\tno',
      '',
    ].join('\n'),
  );
  assert.equal(src.zonepathDataset('/zones/www')?.name, 'rpool/zones/www');
});

test('receive -u leaves the received filesystems unmounted; zfs mount mounts one; its errors', async () => {
  await sh('s1', 'zfs snapshot -r rpool/zones/www@m1');
  const r = await relay(
    lab,
    { host: 's1', line: 'zfs send -rc rpool/zones/www@m1' },
    { host: 's2', line: 'zfs receive -u -e rpool/zones' },
  );
  assert.equal(r.receive.code, 0, r.receive.stderr);
  const dst = lab.hosts['s2']!;
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tno\n');
  assert.equal(dst.zonepathDataset('/zones/www'), undefined);

  const m = await run(lab, 's2', 'zfs mount rpool/zones/www');
  assert.deepEqual([m.code, m.stdout, m.stderr], [0, '', '']);
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tyes\n');
  assert.equal(dst.zonepathDataset('/zones/www')?.name, 'rpool/zones/www');

  const again = await run(lab, 's2', 'zfs mount rpool/zones/www');
  assert.deepEqual([again.code, again.stderr], [1, "cannot mount 'rpool/zones/www': filesystem already mounted\n"]);
  const missing = await run(lab, 's2', 'zfs mount rpool/zones/nope');
  assert.deepEqual([missing.code, missing.stderr], [1, "cannot open 'rpool/zones/nope': dataset does not exist\n"]);
  const zoned = await run(lab, 's2', 'zfs mount rpool/zones/www/rpool');
  assert.deepEqual(
    [zoned.code, zoned.stderr],
    [1, "cannot mount 'rpool/zones/www/rpool': dataset is exported to a local zone\n"],
  );
  const legacy = await run(lab, 's2', 'zfs mount rpool/ROOT');
  assert.deepEqual(
    [legacy.code, legacy.stderr],
    [1, "cannot mount 'rpool/ROOT': legacy mountpoint\nuse mount(1M) to mount this filesystem\n"],
  );
  const list = await run(lab, 's2', 'zfs mount');
  assert.ok(list.stdout.split('\n').includes(`${'rpool/zones/www'.padEnd(30)}  /zones/www`), list.stdout);
});

test('zfs set mountpoint remounts a mounted filesystem at the new place; none unmounts; a path again mounts', async () => {
  const dst = lab.hosts['s2']!;
  await sh('s2', 'zfs set mountpoint=/zones/moved rpool/zones/www');
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tyes\n');
  assert.equal(dst.zonepathDataset('/zones/www'), undefined);
  assert.equal(dst.zonepathDataset('/zones/moved')?.name, 'rpool/zones/www');
  await sh('s2', 'zfs set mountpoint=none rpool/zones/www');
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tno\n');
  // From none (like legacy) changelist_postfix mounts a canmount=on filesystem again.
  await sh('s2', 'zfs inherit mountpoint rpool/zones/www');
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tyes\n');
  assert.equal(dst.zonepathDataset('/zones/www')?.name, 'rpool/zones/www');
  await sh('s2', 'zfs set canmount=off rpool/zones/www');
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tno\n');
  const off = await run(lab, 's2', 'zfs mount rpool/zones/www');
  assert.deepEqual(
    [off.code, off.stderr],
    [1, "cannot mount 'rpool/zones/www': 'canmount' property is set to 'off'\n"],
  );
  await sh('s2', 'zfs set canmount=on rpool/zones/www', 'zfs mount rpool/zones/www', 'zfs unmount rpool/zones/www');
  assert.equal(await mounted('s2', 'rpool/zones/www'), 'rpool/zones/www\tno\n');
  const notMounted = await run(lab, 's2', 'zfs umount rpool/zones/www');
  assert.deepEqual(
    [notMounted.code, notMounted.stderr],
    [1, "cannot unmount 'rpool/zones/www': not currently mounted\n"],
  );
});

test('receive without -u mounts the top filesystem and those inheriting its mountpoint, not one with its own', async () => {
  const src = lab.hosts['o1']!;
  src.createDataset('pool1/y');
  src.createDataset('pool1/y/in');
  src.createDataset('pool1/y/own', { props: { mountpoint: '/own-y' } });
  await sh('o1', 'zfs snapshot -r pool1/y@s1');
  const r = await run(lab, 'o1', "sh -c 'zfs send -R pool1/y@s1 | zfs receive -d rpool'");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    await mounted('o1', 'rpool/y rpool/y/in rpool/y/own'),
    'rpool/y\tyes\nrpool/y/in\tyes\nrpool/y/own\tno\n',
  );
  const own = await run(lab, 'o1', 'zfs get -H -o value,source mountpoint rpool/y/own');
  assert.equal(own.stdout, '/own-y\treceived\n');
});

test('a running zone keeps its zonepath busy for zfs unmount', async () => {
  const busy = await run(lab, 's1', 'zfs unmount rpool/zones/www');
  assert.deepEqual([busy.code, busy.stderr], [1, "cannot unmount '/zones/www': Device busy\n"]);
  assert.equal(await mounted('s1', 'rpool/zones/www'), 'rpool/zones/www\tyes\n');
});
