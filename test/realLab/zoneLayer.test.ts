import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Host } from '../../src/hosts/host';
import { loadInventory, type SshInventoryHost } from '../../src/hosts/inventory';
import { createSshHost } from '../../src/hosts/sshHost';
import { waitFor } from '../e2e/waitFor';
import type { LabHost } from './labHost';
import { seedSourceZone, ZBE, ZONE, ZONEPATH, ZONEPATH_DATASET } from './labZone';
import { startRealLab, type RealLab } from './realLab';

let lab: RealLab;
let labHost: LabHost;
let entry: SshInventoryHost;
let host: Host;

before(async () => {
  lab = await startRealLab([{ name: 'lab1', pool: 'rpool', zones: true }]);
  labHost = lab.hosts['lab1']!;
  await seedSourceZone(labHost, { zbeBytes: 256 * 1024, delegatedBytes: 128 * 1024 });
  entry = (await loadInventory(lab.inventoryPath)).hosts['lab1'] as SshInventoryHost;
  host = createSshHost(entry);
});
after(async () => {
  await host?.close();
  await lab?.stop();
});

const props = async (dataset: string) =>
  (
    await labHost.runAsRoot([
      'zfs',
      'get',
      '-H',
      '-o',
      'property,value,source',
      'zoned,canmount,mountpoint,mounted',
      dataset,
    ])
  ).stdout;

test('the zone layer answers through sshd and sudo: zoneadm as root, beadm, dladm and uname as the login user', async () => {
  const zones = await host.exec(['zoneadm', 'list', '-cp']);
  assert.equal(zones.code, 0, zones.stderr);
  assert.match(zones.stdout, new RegExp(`^1:${ZONE}:running:${ZONEPATH}:[0-9a-f-]+:ipkg:excl$`, 'm'));
  // beadm reads the global BE from real ZFS: the uuid is the dataset's property.
  const bes = await host.exec(['beadm', 'list', '-H']);
  assert.match(bes.stdout, new RegExp(`^omnios;${labHost.zones!.beUuid};NR;/;`));
  const uname = await host.exec(['uname', '-v']);
  assert.deepEqual([uname.code, uname.stdout], [0, 'omnios-r151046-c1e2e0b5b0\n']);
  const link = await host.exec(['dladm', 'show-link', '-p', '-o', 'link,class', `${ZONE}0`]);
  assert.deepEqual([link.code, link.stdout], [0, `${ZONE}0:vnic\n`]);
});

test('without sudo the login user cannot manage zones', async () => {
  const unprivileged = createSshHost({ ...entry, privilege: 'none' });
  try {
    // By its full path: the login PATH of Debian's sshd has no /usr/sbin.
    const halted = await unprivileged.exec(['/usr/sbin/zoneadm', '-z', ZONE, 'halt']);
    assert.equal(halted.code, 1);
    assert.match(halted.stderr, /permission denied/);
    assert.equal((await labHost.zones!.control({ op: 'zoneState', zone: ZONE })).state, 'running');
  } finally {
    await unprivileged.close();
  }
});

test("a zone command's ZFS changes happen on real ZFS: detach leaves the BE mounted at the zone root, attach takes it back", async () => {
  assert.equal((await host.exec(['zlogin', ZONE, 'init 5'])).code, 0);
  await waitFor(
    'the zone down',
    async () => (await labHost.zones!.control({ op: 'zoneState', zone: ZONE })).state === 'installed' || undefined,
  );
  const detached = await host.exec(['zoneadm', '-z', ZONE, 'detach']);
  assert.equal(detached.code, 0, detached.stderr);
  assert.equal(
    await props(ZBE),
    `zoned\toff\tlocal\ncanmount\ton\tlocal\nmountpoint\t${ZONEPATH}/root\tlocal\nmounted\tyes\t-\n`,
  );
  const attached = await host.exec(['zoneadm', '-z', ZONE, 'attach']);
  assert.equal(attached.code, 0, attached.stdout + attached.stderr);
  // The ipkg attach: canmount=noauto, mountpoint and zoned inherited (legacy, on) from ROOT.
  assert.equal(
    await props(ZBE),
    `zoned\ton\tinherited from ${ZONEPATH_DATASET}/ROOT\ncanmount\tnoauto\tlocal\nmountpoint\tlegacy\tinherited from ${ZONEPATH_DATASET}/ROOT\nmounted\tno\t-\n`,
  );
});

test("a real zfs failure fails the zone command with zfs's message", async () => {
  // A held snapshot makes the zone BE impossible to destroy: uninstall cannot do its ZFS part.
  const held = await labHost.runAsRoot(['sh', '-ec', `zfs snapshot ${ZBE}@keep; zfs hold keep ${ZBE}@keep`]);
  assert.equal(held.code, 0, held.stderr);
  const uninstalled = await host.exec(['zoneadm', '-z', ZONE, 'uninstall', '-F']);
  assert.equal(uninstalled.code, 1);
  assert.match(uninstalled.stderr, new RegExp(`cannot destroy '${ZBE}@keep': dataset is busy`));
  const left = await labHost.runAsRoot(['zfs', 'list', '-H', '-o', 'name', ZBE]);
  assert.equal(left.stdout, `${ZBE}\n`);
});
