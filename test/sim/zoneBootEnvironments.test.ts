import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { relay, run } from './sshClient';

let lab: Lab;
const ZBE = 'rpool/zones/www/rpool/ROOT/solaris';

/** Moves www's data and config to node2 (zone halted and detached on node1), as coldMove would. */
async function moveToTarget(): Promise<void> {
  await run(lab, 'node1', 'zfs snapshot -r rpool/zones/www@m');
  const moved = await relay(lab, { host: 'node1', line: 'zfs send -rc rpool/zones/www@m' }, { host: 'node2', line: 'zfs receive -e rpool/zones' });
  assert.equal(moved.receive.code, 0, moved.receive.stderr);
  const config = (await run(lab, 'node1', 'zonecfg -z www export')).stdout;
  assert.equal((await run(lab, 'node2', 'zonecfg -z www -f -', config)).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z www halt')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z www detach')).code, 0);
}

beforeEach(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }] });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  await moveToTarget();
});

afterEach(() => lab.stop());

test('attach on another host clones the orphan zone BE for the active global-zone BE', async () => {
  const target = lab.hosts['node2']!;
  const r = await run(lab, 'node2', 'pfexec zoneadm -z www attach');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Progress being logged to \/var\/log\/zones\/zoneadm\.\d{8}T\d{6}Z\.www\.attach\n/);
  assert.match(r.stdout, /Installing: Cloning orphan zone boot environment rpool\/zones\/www\/rpool\/ROOT\/solaris\n/);
  assert.match(r.stdout, /Zone BE root dataset: rpool\/zones\/www\/rpool\/ROOT\/solaris-1\n/);
  assert.match(r.stdout, /\n {20}Result: Attach Succeeded\.\n$/);
  assert.equal(target.zone('www')!.state, 'installed');
  const props = await run(lab, 'node2', `zfs get -H -o name,value org.opensolaris.libbe:parentbe ${ZBE} ${ZBE}-1`);
  assert.equal(props.stdout, `${ZBE}\t${lab.hosts['node1']!.activeBeUuid()}\n${ZBE}-1\t${target.activeBeUuid()}\n`);
  assert.equal(target.contentHash(`${ZBE}-1`), target.contentHash(ZBE));
  assert.equal((await run(lab, 'node2', 'zoneadm -z www boot')).code, 0);
  assert.equal(target.zone('www')!.state, 'running');
});

test('-x deny-zbe-clone with only orphan zone BEs fails and changes nothing', async () => {
  const before = lab.hosts['node2']!.snapshotState();
  const r = await run(lab, 'node2', 'zoneadm -z www attach -x deny-zbe-clone');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /deny-zbe-clone/);
  assert.match(r.stderr, /Result: Attach Failed\.\n$/);
  assert.deepEqual(lab.hosts['node2']!.snapshotState(), before);
});

test('attach without -u fails when the zone image is older than the global zone; -u syncs it', async () => {
  lab.hosts['node2']!.pkgVersion = '11.4.60.0.0';
  const stale = await run(lab, 'node2', 'zoneadm -z www attach');
  assert.equal(stale.code, 1);
  assert.match(stale.stderr, /Evaluation: Packages in zone www are out of sync with the global zone\. To proceed, retry with the -u flag\.\n/);
  assert.equal(lab.hosts['node2']!.zone('www')!.state, 'configured');
  const updated = await run(lab, 'node2', 'zoneadm -z www attach -u');
  assert.equal(updated.code, 0, updated.stderr);
  assert.equal(lab.hosts['node2']!.dataset(`${ZBE}-1`)!.imageVersion, '11.4.60.0.0');
});

test('uninstall -F destroys only the zone BEs of the active BE; orphans and the zonepath stay', async () => {
  const target = lab.hosts['node2']!;
  assert.equal((await run(lab, 'node2', 'zoneadm -z www attach')).code, 0);
  const already = await run(lab, 'node2', 'zoneadm -z www attach');
  assert.deepEqual([already.code, already.stderr], [1, "zoneadm: zone 'www': is already installed.\n"]);
  const r = await run(lab, 'node2', 'zoneadm -z www uninstall -F');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(target.zone('www')!.state, 'configured');
  assert.equal(target.dataset(`${ZBE}-1`), undefined);
  assert.ok(target.dataset(ZBE), 'the orphan ZBE is left behind');
  assert.ok(target.dataset('rpool/zones/www'));
});

test('on the source, reattach uses the existing ZBE and uninstall removes the whole zonepath dataset', async () => {
  const source = lab.hosts['node1']!;
  const attach = await run(lab, 'node1', 'zoneadm -z www attach');
  assert.equal(attach.code, 0, attach.stderr);
  assert.match(attach.stdout, /Installing: Using existing zone boot environment\n/);
  assert.match(attach.stdout, new RegExp(`Zone BE root dataset: ${ZBE}\\n`));
  const running = await run(lab, 'node1', 'zoneadm -z www boot');
  assert.equal(running.code, 0);
  const refused = await run(lab, 'node1', 'zoneadm -z www uninstall -F');
  assert.deepEqual([refused.code, refused.stderr], [1, "zoneadm: zone 'www': uninstall operation is invalid for running zones.\n"]);
  await run(lab, 'node1', 'zoneadm -z www halt');
  assert.equal((await run(lab, 'node1', 'zoneadm -z www uninstall -F')).code, 0);
  assert.equal(source.dataset('rpool/zones/www'), undefined);
  assert.ok(source.dataset('pool1/www'), 'delegated datasets are not the zone\'s to destroy');
});
