import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { startLab, type Lab } from '../../src/sim/lab';
import { exportIscsiLu, seedKernelZone, seedKernelZoneHost } from '../../src/sim/kernelZoneFixtures';
import { connectInitiator, mountNfs, seedStorageHost, shareNfs } from '../../src/sim/storageFixtures';
import type { SimHost } from '../../src/sim/simHost';
import { run } from './sshClient';

let lab: Lab;
const host = (name: string): SimHost => lab.hosts[name]!;
const guest = (name: string, zone: string) => host(name).zone(zone)?.guest;
const T8 = { arch: 'sparc' as const, model: 'SPARC-T8', migrationClasses: ['migration-class1'] };
const T7 = { arch: 'sparc' as const, model: 'SPARC-T7', migrationClasses: ['migration-class1'] };

/** A running Kernel Zone on node1 whose boot disk is an iSCSI LU of storage1 and whose suspend file is on NFS. */
function kernelZone(zone: string, opts: { suspend?: boolean; cpuArch?: string } = {}): string {
  const uri = exportIscsiLu(host('storage1'), `pool1/${zone}_boot`);
  seedKernelZone(host('node1'), {
    zone,
    bootUri: uri,
    ...(opts.suspend === false ? {} : { suspendPath: `/mnt/suspend/${zone}.sus` }),
    memory: '4G',
    vcpus: 4,
    ...(opts.cpuArch === undefined ? {} : { cpuArch: opts.cpuArch }),
  });
  return uri;
}

/** `zonecfg export` on node1 fed to `zonecfg -f -` on `target`, as the warm-migration write-up does. */
async function copyConfig(zone: string, target: string): Promise<void> {
  const exported = await run(lab, 'node1', `zonecfg -z ${zone} export`);
  assert.equal(exported.code, 0, exported.stderr);
  const imported = await run(lab, target, `zonecfg -z ${zone} -f -`, exported.stdout);
  assert.equal(imported.code, 0, imported.stderr);
}

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }, { name: 'node3' }, { name: 'storage1' }] });
  seedKernelZoneHost(host('node1'), { memoryMb: 131072, ncpus: 8, cpu: T8 });
  seedKernelZoneHost(host('node2'), { memoryMb: 65536, ncpus: 4, cpu: T8 });
  seedKernelZoneHost(host('node3'), { cpu: T7 });
  seedStorageHost(host('storage1'));
  shareNfs(host('storage1'), '/export/suspend');
  for (const name of ['node1', 'node2', 'node3']) {
    connectInitiator(host(name), host('storage1'));
    mountNfs(host(name), host('storage1'), '/export/suspend', '/mnt/suspend');
  }
});

after(() => lab.stop());

test('warm migration: export/import, suspend, detach, attach, boot resumes the same guest on node2', async () => {
  kernelZone('ant1');
  await delay(100);
  const before = guest('node1', 'ant1')!;
  assert.ok(before.counter > 0, 'the guest runs');
  await copyConfig('ant1', 'node2');
  assert.equal(host('node2').kzKeys.get('ant1'), host('node1').kzKeys.get('ant1'));

  assert.deepEqual((await run(lab, 'node1', 'zoneadm -z ant1 suspend')).code, 0);
  const atSuspend = lab.fabric.files.get('storage1:/export/suspend/ant1.sus') as { guest: { counter: number } };
  assert.ok(atSuspend.guest.counter >= before.counter);
  assert.equal(host('node1').zone('ant1')?.state, 'installed');
  assert.equal(host('node1').zone('ant1')?.guest, undefined);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant1 detach')).code, 0);
  assert.equal((await run(lab, 'node2', 'zoneadm -z ant1 attach')).code, 0);
  const listed = await run(lab, 'node2', 'zoneadm list -cs');
  assert.match(listed.stdout, /^ant1 {13}installed {8}suspended$/m);
  const boot = await run(lab, 'node2', 'zoneadm -z ant1 boot');
  assert.deepEqual([boot.code, boot.stderr], [0, '']);
  const after = guest('node2', 'ant1')!;
  assert.equal(after.bootId, before.bootId, 'resumed, not rebooted');
  assert.ok(after.counter >= atSuspend.guest.counter);
  assert.equal(lab.fabric.files.has('storage1:/export/suspend/ant1.sus'), false, 'the image is used up');
  await delay(60);
  assert.ok(guest('node2', 'ant1')!.counter > atSuspend.guest.counter, 'the guest runs on node2');
  assert.equal(host('node1').zone('ant1')?.state, 'configured');
});

test('undo paths: resume on the source after suspend, attach on the source after detach, detach on the target', async () => {
  kernelZone('ant7');
  const bootId = guest('node1', 'ant7')!.bootId;
  await copyConfig('ant7', 'node2');
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant7 suspend')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant7 boot')).code, 0);
  assert.equal(guest('node1', 'ant7')?.bootId, bootId);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant7 suspend')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant7 detach')).code, 0);
  assert.equal((await run(lab, 'node2', 'zoneadm -z ant7 attach')).code, 0);
  assert.equal((await run(lab, 'node2', 'zoneadm -z ant7 detach')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant7 attach')).code, 0);
  assert.equal(host('node1').zone('ant7')?.auxState, 'suspended');
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant7 boot')).code, 0);
  assert.equal(guest('node1', 'ant7')?.bootId, bootId);
});

test('attach on the target before the source detached: in use by node1; force-takeover attaches', async () => {
  kernelZone('ant2');
  await copyConfig('ant2', 'node2');
  const r = await run(lab, 'node2', 'zoneadm -z ant2 attach');
  assert.equal(r.code, 1);
  const lines = r.stderr.split('\n');
  assert.equal(lines[0], `zone 'ant2': error: ERROR: zone ant2 is in use by host with  hostid ${host('node1').hostid}`);
  assert.equal(lines[1], "zone 'ant2': error:       last known state: running");
  assert.equal(lines[2], "zone 'ant2': error:               hostname: node1");
  assert.equal(lines[3], `zone 'ant2': error:  boot environment name: ${host('node1').activeBe}`);
  assert.equal(lines[4], `zone 'ant2': error:  boot environment uuid: ${host('node1').activeBeUuid()}`);
  assert.match(lines[5]!, /^zone 'ant2': error: {7}last update time: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
  assert.deepEqual(lines.slice(6), [
    "zone 'ant2': error: To fix, detach the zone from the other host then attach it to this host",
    "zone 'ant2': error: If the zone is not active on another host, attach it with",
    "zone 'ant2': error:    zoneadm -z ant2 attach -x force-takeover",
    '',
  ]);
  assert.equal(host('node2').zone('ant2')?.state, 'unavailable');
  const forced = await run(lab, 'node2', 'zoneadm -z ant2 attach -x force-takeover');
  assert.deepEqual([forced.code, forced.stderr], [0, '']);
  assert.equal(host('node2').zone('ant2')?.state, 'installed');
});

test('a hand-made config has no key: attach fails on the key; initialize-hostdata then boot starts a fresh guest', async () => {
  const uri = kernelZone('ant3');
  const original = guest('node1', 'ant3')!.bootId;
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant3 suspend')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant3 detach')).code, 0);
  const cfg = await run(
    lab,
    'node2',
    `zonecfg -z ant3 "create -t SYSsolaris-kz; add device; set storage=${uri}; set id=0; set bootpri=0; end; add suspend; set path=/mnt/suspend/ant3.sus; end"`,
  );
  assert.equal(cfg.code, 0, cfg.stderr);
  const r = await run(lab, 'node2', 'zoneadm -z ant3 attach');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "zone 'ant3': error: Encryption key is incorrect.  See solaris-kz(7) for configuration migration\n" +
      "zone 'ant3': procedure or update /etc/zones/keys/ant3.\n",
  );
  const init = await run(lab, 'node2', 'zoneadm -z ant3 attach -x initialize-hostdata');
  assert.deepEqual([init.code, init.stderr], [0, '']);
  assert.equal(host('node2').zone('ant3')?.auxState, undefined, 'the old image cannot be decrypted');
  assert.equal((await run(lab, 'node2', 'zoneadm -z ant3 boot')).code, 0);
  assert.notEqual(guest('node2', 'ant3')?.bootId, original);
});

test('a zvol rollback brings back host data sealed with the old key', async () => {
  const zvol = 'pool1/ant8_boot';
  const guid = kernelZone('ant8').split('luname.naa.')[1]!;
  host('storage1').zfs.takeSnapshot(host('storage1').dataset(zvol)!, 'before');
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant8 halt')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant8 detach')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z ant8 attach -x initialize-hostdata')).code, 0);
  // The LU holds the zvol open: it is unregistered (views kept) around the rollback, then imported.
  assert.equal((await run(lab, 'storage1', `stmfadm delete-lu -k ${guid}`)).code, 0);
  assert.equal((await run(lab, 'storage1', `zfs rollback ${zvol}@before`)).code, 0);
  assert.equal((await run(lab, 'storage1', `stmfadm import-lu /dev/zvol/rdsk/${zvol}`)).code, 0);
  const boot = await run(lab, 'node1', 'zoneadm -z ant8 boot');
  assert.equal(boot.code, 1);
  assert.match(boot.stderr, /Encryption key is incorrect/);
  assert.equal(host('node1').zone('ant8')?.state, 'unavailable');
});

test('a guest suspended on a SPARC-T8 does not resume on a SPARC-T7; one booted with migration-class1 does', async () => {
  kernelZone('ant4');
  kernelZone('ant5', { cpuArch: 'migration-class1' });
  for (const zone of ['ant4', 'ant5']) {
    await copyConfig(zone, 'node3');
    assert.equal((await run(lab, 'node1', `zoneadm -z ${zone} suspend`)).code, 0);
    assert.equal((await run(lab, 'node1', `zoneadm -z ${zone} detach`)).code, 0);
    assert.equal((await run(lab, 'node3', `zoneadm -z ${zone} attach`)).code, 0);
  }
  const refused = await run(lab, 'node3', 'zoneadm -z ant4 boot');
  assert.deepEqual(
    [refused.code, refused.stderr],
    [1, "zone 'ant4': error: Suspended image cannot be resumed on this host: CPU class SPARC-T8.\n"],
  );
  assert.equal(host('node3').zone('ant4')?.auxState, 'suspended');
  assert.equal((await run(lab, 'node3', 'zoneadm -z ant5 boot')).code, 0);
  assert.equal(guest('node3', 'ant5')?.cpuClass, 'migration-class1');
});

test('suspend needs a suspend resource; list -s prints names, states and auxiliary states', async () => {
  kernelZone('ant6', { suspend: false });
  const r = await run(lab, 'node1', 'zoneadm -z ant6 suspend');
  assert.deepEqual([r.code, r.stderr], [1, "zoneadm: zone 'ant6': no suspend resource configured.\n"]);
  const list = await run(lab, 'node1', 'zoneadm list -s');
  assert.equal(list.stdout.split('\n')[0], 'NAME             STATUS           AUXILIARY STATE');
  assert.equal(list.stdout.split('\n')[1], 'global           running');
  assert.match(list.stdout, /^ant6 {13}running$/m);
  const installed = await run(lab, 'node3', 'zoneadm list -is');
  assert.match(installed.stdout, /^ant4 {13}installed {8}suspended\n/m);
});

test('zonecfg export carries the key, info does not; -r edits the live config only', async () => {
  kernelZone('ant9');
  const key = host('node1').kzKeys.get('ant9')!;
  const exported = await run(lab, 'node1', 'zonecfg -z ant9 export');
  assert.match(exported.stdout, /^set brand=solaris-kz$/m);
  assert.ok(exported.stdout.endsWith(`add keysource\nset raw=${key}\nend\n`), exported.stdout);
  const info = await run(lab, 'node1', 'zonecfg -z ant9 info');
  assert.doesNotMatch(info.stdout, /keysource|raw:/);
  assert.doesNotMatch(info.stdout, /^(ip-type|fs-allowed|zonepath):/m);
  assert.doesNotMatch(info.stdout, new RegExp(key));
  assert.match(info.stdout, /^virtual-cpu:\n\tncpus: 4$/m);
  const live = await run(lab, 'node1', 'zonecfg -z ant9 -r "select virtual-cpu; set ncpus=8; end"');
  assert.deepEqual([live.code, live.stderr], [0, '']);
  assert.equal((await run(lab, 'node1', 'zonecfg -z ant9 -r info virtual-cpu')).stdout, 'virtual-cpu:\n\tncpus: 8\n');
  assert.equal((await run(lab, 'node1', 'zonecfg -z ant9 info virtual-cpu')).stdout, 'virtual-cpu:\n\tncpus: 4\n');
  const halted = await run(lab, 'node1', 'zoneadm -z ant9 halt');
  assert.equal(halted.code, 0);
  const notRunning = await run(lab, 'node1', 'zonecfg -z ant9 -r info');
  assert.equal(notRunning.code, 1);
  const both = await run(
    lab,
    'node1',
    'zonecfg -z ant9 "add suspend; set path=/a; set storage=dev:/dev/zvol/dsk/p/v; end"',
  );
  assert.equal(both.code, 1);
  // end refuses, so the resource is still open at the end of input (as for any refused end).
  assert.equal(both.stderr, 'path and storage cannot both be specified.\nResource incomplete.\n');
});

test('prtconf -m and psrinfo report the host memory and virtual CPUs', async () => {
  assert.equal((await run(lab, 'node2', 'prtconf -m')).stdout, '65536\n');
  const cpus = (await run(lab, 'node2', 'psrinfo')).stdout.split('\n').filter(Boolean);
  assert.equal(cpus.length, 4);
  assert.match(cpus[3]!, /^3\ton-line {3}since \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
});
