import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedBaseHost } from '../../src/sim/fixtures';
import { connectInitiator, exportZvolLu, mountNfs, seedStorageHost, shareNfs } from '../../src/sim/storageFixtures';
import { run } from './sshClient';

let lab: Lab;
const GUID = '600144F0AABBCCDD0000650000000001';

before(async () => {
  lab = await startLab({ hosts: [{ name: 'stor' }, { name: 'node1' }, { name: 'node2' }, { name: 'node3' }] });
  seedStorageHost(lab.hosts['stor']!);
  for (const h of ['node1', 'node2', 'node3']) seedBaseHost(lab.hosts[h]!);
});

after(() => lab.stop());

test('create-lu prints the GUID; list-lu -v and list-view print stmfadm.c layouts', async () => {
  const missing = await run(lab, 'stor', 'stmfadm create-lu /dev/zvol/rdsk/pool1/nope');
  assert.deepEqual([missing.code, missing.stderr], [1, 'stmfadm: data file error\n']);
  assert.equal((await run(lab, 'stor', 'zfs create -V 1g pool1/kz1')).code, 0);
  const created = await run(
    lab,
    'stor',
    `pfexec stmfadm create-lu -p guid=${GUID.toLowerCase()} /dev/zvol/rdsk/pool1/kz1`,
  );
  assert.deepEqual([created.code, created.stdout], [0, `Logical unit created: ${GUID}\n`]);
  const again = await run(lab, 'stor', 'stmfadm create-lu /dev/zvol/rdsk/pool1/kz1');
  assert.deepEqual([again.code, again.stderr], [1, 'stmfadm: filename /dev/zvol/rdsk/pool1/kz1: in use\n']);

  const noViews = await run(lab, 'stor', `stmfadm list-view -l ${GUID}`);
  assert.deepEqual([noViews.code, noViews.stderr], [1, `stmfadm: ${GUID.toLowerCase()}: no views found\n`]);
  const short = await run(lab, 'stor', 'stmfadm add-view 600144F0');
  assert.deepEqual([short.code, short.stderr], [1, 'stmfadm: 600144F0: must be 32 hexadecimal digits\n']);
  assert.equal((await run(lab, 'stor', `stmfadm add-view ${GUID}`)).code, 0);
  const dup = await run(lab, 'stor', `stmfadm add-view ${GUID}`);
  assert.deepEqual([dup.code, dup.stderr], [1, 'stmfadm: view entry exists\n']);

  const views = await run(lab, 'stor', `stmfadm list-view -l ${GUID}`);
  assert.equal(views.stdout, 'View Entry: 0\n    Host group   : All\n    Target group : All\n    LUN          : 0\n');
  const list = await run(lab, 'stor', `stmfadm list-lu -v ${GUID}`);
  assert.equal(
    list.stdout,
    [
      `LU Name: ${GUID}`,
      '    Operational Status: Online',
      '    Provider Name     : sbd',
      '    Alias             : /dev/zvol/rdsk/pool1/kz1',
      '    View Entry Count  : 1',
      '    Data File         : /dev/zvol/rdsk/pool1/kz1',
      '    Meta File         : not set',
      `    Size              : ${1024 ** 3}`,
      '    Block Size        : 512',
      '    Management URL    : not set',
      '    Vendor ID         : SUN',
      '    Product ID        : COMSTAR',
      '    Serial Num        : not set',
      '    Write Protect     : Disabled',
      '    Writeback Cache   : Enabled',
      '    Access State      : Active',
      '',
    ].join('\n'),
  );
  const bad = await run(lab, 'stor', 'stmfadm delete-lu XYZ');
  assert.deepEqual([bad.code, bad.stderr], [1, 'stmfadm: XYZ: must be 32 hexadecimal digits long\n']);
});

test('the zvol is busy for rollback and destroy while its LU exists; delete-lu -k then import-lu keeps GUID and view', async () => {
  assert.equal((await run(lab, 'stor', 'zfs snapshot pool1/kz1@s1')).code, 0);
  const rollback = await run(lab, 'stor', 'zfs rollback pool1/kz1@s1');
  assert.deepEqual([rollback.code, rollback.stderr], [1, "cannot rollback 'pool1/kz1': dataset is busy\n"]);
  const destroy = await run(lab, 'stor', 'zfs destroy -r pool1/kz1');
  assert.deepEqual([destroy.code, destroy.stderr], [1, "cannot destroy 'pool1/kz1': dataset is busy\n"]);

  assert.equal((await run(lab, 'stor', `stmfadm delete-lu -k ${GUID}`)).code, 0);
  assert.equal((await run(lab, 'stor', 'zfs rollback pool1/kz1@s1')).code, 0);
  const listed = await run(lab, 'stor', `stmfadm list-lu -v ${GUID}`);
  assert.match(listed.stdout, /Operational Status: unregistered\n/);

  const imported = await run(lab, 'stor', 'stmfadm import-lu /dev/zvol/rdsk/pool1/kz1');
  assert.deepEqual([imported.code, imported.stdout], [0, `Logical unit imported: ${GUID}\n`]);
  assert.match((await run(lab, 'stor', `stmfadm list-view -l ${GUID}`)).stdout, /^View Entry: 0\n/);

  assert.equal((await run(lab, 'stor', 'zfs create -V 1g pool1/plain')).code, 0);
  const noMeta = await run(lab, 'stor', 'stmfadm import-lu /dev/zvol/rdsk/pool1/plain');
  assert.deepEqual([noMeta.code, noMeta.stderr], [1, 'stmfadm: meta file error\n']);
  const gone = await run(lab, 'stor', 'stmfadm delete-lu 600144F0AABBCCDD00006500000000FF');
  assert.deepEqual([gone.code, gone.stderr], [1, 'stmfadm: 600144f0aabbccdd00006500000000ff: not found\n']);
});

test('itadm lists the target; iscsiadm discovery makes the LU visible; two initiators map one URI to one zvol', async () => {
  const targets = await run(lab, 'stor', 'itadm list-target -v');
  const iqn = 'iqn.1986-03.com.sun:02:stor-target';
  assert.equal(
    targets.stdout,
    `${'TARGET NAME'.padEnd(61)}STATE    SESSIONS \n${iqn.padEnd(61)}online   0        \n` +
      [
        ['alias:', '-'],
        ['auth:', 'none (defaults)'],
        ['targetchapuser:', '-'],
        ['targetchapsecret:', 'unset'],
        ['tpg-tags:', 'default'],
      ]
        .map(([label, value]) => `\t${label!.padEnd(20)}\t${value}\n`)
        .join(''),
  );
  const uri = `iscsi://stor/luname.naa.${GUID.toLowerCase()}`;
  const before = await run(lab, 'node3', `suriadm lookup-mapping ${uri}`);
  assert.deepEqual([before.code, before.stderr], [1, `suriadm: ${uri}: no such device\n`]);

  for (const node of ['node1', 'node2']) {
    assert.equal((await run(lab, node, 'pfexec iscsiadm add discovery-address stor:3260')).code, 0);
    assert.equal((await run(lab, node, 'pfexec iscsiadm modify discovery --sendtargets enable')).code, 0);
  }
  assert.equal((await run(lab, 'node1', 'iscsiadm list discovery-address')).stdout, 'Discovery Address: stor:3260\n');
  const listTarget = await run(lab, 'node1', 'iscsiadm list target -S');
  assert.match(listTarget.stdout, new RegExp(`^Target: ${iqn}\n`));
  assert.match(listTarget.stdout, new RegExp(`OS Device Name: /dev/rdsk/c0t${GUID}d0s2\n`));

  const device = `/dev/dsk/c0t${GUID}d0`;
  for (const node of ['node1', 'node2']) {
    const mapped = await run(lab, node, `suriadm lookup-mapping ${uri}`);
    assert.deepEqual([mapped.code, mapped.stdout], [0, `${device}\n`]);
    const resolved = lab.fabric.resolveDevice(lab.hosts[node]!, uri);
    assert.ok('zvol' in resolved && resolved.zvol === 'pool1/kz1' && resolved.host.name === 'stor');
  }
  const uris = await run(lab, 'node1', `suriadm lookup-uri ${device}`);
  assert.equal(uris.stdout, `lu:luname.naa.${GUID.toLowerCase()}\n${uri}\ndev:dsk/c0t${GUID}d0\n`);
  const byName = await run(lab, 'node2', `suriadm lookup-uri -p luname=naa.${GUID.toLowerCase()}`);
  assert.match(byName.stdout, /^lu:luname\.naa\./);
  const still = await run(lab, 'node3', `suriadm lookup-mapping ${uri}`);
  assert.equal(still.code, 1);
  assert.match((await run(lab, 'stor', 'itadm list-target')).stdout, /online {3}2/);
});

test('after delete-lu the zvol can be rolled back and destroyed, and no initiator maps it', async () => {
  assert.equal((await run(lab, 'stor', `stmfadm delete-lu ${GUID}`)).code, 0);
  assert.equal((await run(lab, 'stor', 'zfs rollback pool1/kz1@s1')).code, 0);
  assert.equal((await run(lab, 'node1', `suriadm lookup-mapping lu:luname.naa.${GUID}`)).code, 1);
  assert.equal((await run(lab, 'stor', 'zfs destroy -r pool1/kz1')).code, 0);
  assert.equal((await run(lab, 'stor', 'stmfadm list-lu')).stdout, '');
});

test('online-lu needs the STMF service; fixtures export a LU that connected initiators resolve', async () => {
  const stor = lab.hosts['stor']!;
  const guid = exportZvolLu(stor, 'pool1/kz2', 1 << 30);
  stor.services.set('svc:/system/stmf:default', 'disabled');
  const offline = await run(lab, 'stor', `stmfadm online-lu ${guid}`);
  assert.deepEqual([offline.code, offline.stderr], [1, 'stmfadm: STMF service is offline\n']);
  assert.ok('error' in lab.fabric.resolveDevice(lab.hosts['node1']!, `lu:luname.naa.${guid}`));
  assert.equal((await run(lab, 'stor', 'svcadm enable -r svc:/system/stmf:default')).code, 0);
  connectInitiator(lab.hosts['node3']!, stor);
  const mapped = await run(lab, 'node3', `suriadm lookup-mapping lu:luname.naa.${guid.toLowerCase()}`);
  assert.equal(mapped.stdout, `/dev/dsk/c0t${guid}d0\n`);
});

test('df -k shows the same server:/path on two hosts for an NFS mount, the dataset for local ZFS', async () => {
  const stor = lab.hosts['stor']!;
  shareNfs(stor, '/export/suspend');
  const refused = await run(lab, 'node1', 'mount -F nfs stor:/export/other /mnt/suspend');
  assert.deepEqual([refused.code, refused.stderr], [33, 'nfs mount: stor:/export/other: No such file or directory\n']);
  assert.equal((await run(lab, 'node1', 'pfexec mount -F nfs stor:/export/suspend /mnt/suspend')).code, 0);
  mountNfs(lab.hosts['node2']!, stor, '/export/suspend', '/var/suspend');
  const one = await run(lab, 'node1', 'df -k /mnt/suspend/www');
  const two = await run(lab, 'node2', 'df -k /var/suspend');
  const header = 'Filesystem           1024-blocks        Used   Available Capacity  Mounted on\n';
  assert.ok(one.stdout.startsWith(header), one.stdout);
  const fields = (out: string): string[] => out.split('\n')[1]!.split(/\s+/);
  assert.equal(fields(one.stdout)[0], 'stor:/export/suspend');
  assert.equal(fields(two.stdout)[0], 'stor:/export/suspend');
  assert.equal(fields(one.stdout).at(-1), '/mnt/suspend');
  assert.deepEqual(
    lab.fabric.resolveFile(lab.hosts['node1']!, '/mnt/suspend/www.img'),
    lab.fabric.resolveFile(lab.hosts['node2']!, '/var/suspend/www.img'),
  );
  const local = await run(lab, 'node1', 'df -k /zones');
  assert.equal(fields(local.stdout)[0], 'rpool/zones');
  const none = await run(lab, 'node1', 'df -k /proc');
  assert.deepEqual(
    [none.code, none.stderr],
    [1, 'df: (/proc     ) not a block device, directory or mounted resource\n'],
  );
  const state = JSON.stringify(lab.fabric.snapshotState());
  assert.equal(JSON.stringify(lab.fabric.snapshotState()), state);
  assert.match(JSON.stringify(lab.hosts['node1']!.snapshotState()), /"mountpoint":"\/mnt\/suspend"/);
});
