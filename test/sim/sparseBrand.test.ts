import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;
const ZBE = 'rpool/zones/www/ROOT/zbe';

beforeEach(async () => {
  lab = await startLab({ hosts: [{ name: 'omni', release: 'omnios' }] });
  seedSourceHost(lab.hosts['omni']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20, ipkgBrand: 'sparse' });
  assert.equal((await run(lab, 'omni', 'zoneadm -z www halt')).code, 0);
});

afterEach(() => lab.stop());

const overlayProps = async (): Promise<string> =>
  (await run(lab, 'omni', `zfs get -H -o name,property,value,source canmount,mountpoint ${ZBE}/svc ${ZBE}/fm`)).stdout;

test('sparse detach leaves each overlay mounted at its place in the zone root; attach puts them back', async () => {
  const detach = await run(lab, 'omni', 'zoneadm -z www detach');
  assert.equal(detach.code, 0, detach.stdout + detach.stderr);
  assert.equal(
    await overlayProps(),
    `${ZBE}/svc\tcanmount\ton\tlocal\n${ZBE}/svc\tmountpoint\t/zones/www/root/lib/svc\tlocal\n` +
      `${ZBE}/fm\tcanmount\ton\tlocal\n${ZBE}/fm\tmountpoint\t/zones/www/root/usr/lib/fm\tlocal\n`,
  );
  const attach = await run(lab, 'omni', 'zoneadm -z www attach');
  assert.equal(attach.code, 0, attach.stdout + attach.stderr);
  assert.equal(
    await overlayProps(),
    `${ZBE}/svc\tcanmount\tnoauto\tlocal\n${ZBE}/svc\tmountpoint\tlegacy\tinherited from rpool/zones/www/ROOT\n` +
      `${ZBE}/fm\tcanmount\tnoauto\tlocal\n${ZBE}/fm\tmountpoint\tlegacy\tinherited from rpool/zones/www/ROOT\n`,
  );
  assert.equal(lab.hosts['omni']!.zone('www')?.state, 'installed');
});

test('sparse attach without an overlay fails naming it, and puts the zone root back as detach left it', async () => {
  assert.equal((await run(lab, 'omni', 'zoneadm -z www detach')).code, 0);
  assert.equal((await run(lab, 'omni', `zfs destroy ${ZBE}/fm`)).code, 0);
  const attach = await run(lab, 'omni', 'zoneadm -z www attach');
  assert.equal(attach.code, 1);
  assert.match(attach.stdout, /^ERROR: no active dataset\. \(usr\/lib\/fm\)$/m);
  assert.match(attach.stdout, /Result: Attach Failed\.\n$/);
  const root = await run(lab, 'omni', `zfs get -H -o value zoned,canmount,mountpoint ${ZBE}`);
  assert.equal(root.stdout, 'off\non\n/zones/www/root\n');
  assert.equal(lab.hosts['omni']!.zone('www')?.state, 'configured');
});

test('sparse detach of a zone missing an overlay fails before changing any property', async () => {
  assert.equal((await run(lab, 'omni', `zfs destroy ${ZBE}/svc`)).code, 0);
  const before = lab.hosts['omni']!.snapshotState();
  const detach = await run(lab, 'omni', 'zoneadm -z www detach');
  assert.equal(detach.code, 1);
  assert.match(detach.stdout, /ERROR: Unable to mount the zone's ZFS dataset\./);
  assert.deepEqual(lab.hosts['omni']!.snapshotState(), before);
});
