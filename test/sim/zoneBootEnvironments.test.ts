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
  const moved = await relay(
    lab,
    { host: 'node1', line: 'zfs send -rc rpool/zones/www@m' },
    { host: 'node2', line: 'zfs receive -e rpool/zones' },
  );
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
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Progress being logged to \/var\/log\/zones\/zoneadm\.\d{8}T\d{6}Z\.www\.attach\n/);
  assert.equal(
    r.stdout.replace(/^Progress being logged to .*\n/, ''),
    'Attaching...\n' +
      "    Installing: Using clone of zone boot environment 'solaris'\n" +
      '      Zone BE root dataset: rpool/zones/www/rpool/ROOT/solaris-0\n' +
      '                     Cache: Using /var/pkg/publisher.\n' +
      '  Updating non-global zone: Linking to image /.\n' +
      '  Updating non-global zone: Auditing packages.\n' +
      '\n' +
      '  Updating non-global zone: Zone updated.\n' +
      '                    Result: Attach Succeeded.\n',
  );
  assert.equal(target.zone('www')!.state, 'installed');
  const props = await run(lab, 'node2', `zfs get -H -o name,value org.opensolaris.libbe:parentbe ${ZBE} ${ZBE}-0`);
  assert.equal(props.stdout, `${ZBE}\t${lab.hosts['node1']!.activeBeUuid()}\n${ZBE}-0\t${target.activeBeUuid()}\n`);
  const clone = await run(
    lab,
    'node2',
    `zfs get -H -o property,value canmount,mountpoint,org.opensolaris.libbe:active ${ZBE}-0`,
  );
  assert.equal(clone.stdout, 'canmount\tnoauto\nmountpoint\t/\norg.opensolaris.libbe:active\ton\n');
  assert.equal(target.contentHash(`${ZBE}-0`), target.contentHash(ZBE));
  assert.equal((await run(lab, 'node2', 'zoneadm -z www boot')).code, 0);
  assert.equal(target.zone('www')!.state, 'running');
});

test('-x deny-zbe-clone refuses an orphan zone BE that is marked active, and changes nothing', async () => {
  const before = lab.hosts['node2']!.snapshotState();
  const r = await run(lab, 'node2', 'zoneadm -z www attach -x deny-zbe-clone');
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout.replace(/^Progress being logged to .*\n/, ''),
    "ERROR: zone boot environment 'solaris' is marked active; -x deny-zbe-clone requires an inactive zone boot environment.\n" +
      '                    Result: Attach Failed.\n',
  );
  assert.deepEqual(lab.hosts['node2']!.snapshotState(), before);
});

test('-x deny-zbe-clone attaches an inactive orphan zone BE in place and re-parents it', async () => {
  const target = lab.hosts['node2']!;
  assert.equal((await run(lab, 'node2', `zfs set org.opensolaris.libbe:active=off ${ZBE}`)).code, 0);
  const r = await run(lab, 'node2', 'zoneadm -z www attach -x deny-zbe-clone');
  assert.equal(r.code, 0, r.stdout);
  assert.match(
    r.stdout,
    /\n {4}Installing: Using existing zone boot environment\n {6}Zone BE root dataset: rpool\/zones\/www\/rpool\/ROOT\/solaris\n/,
  );
  assert.equal(target.dataset(`${ZBE}-0`), undefined);
  const props = await run(
    lab,
    'node2',
    `zfs get -H -o value org.opensolaris.libbe:parentbe,org.opensolaris.libbe:active ${ZBE}`,
  );
  assert.equal(props.stdout, `${target.activeBeUuid()}\non\n`);
});

test('attach without -u fails when the zone image is older than the global zone (the clone is removed); -u syncs it', async () => {
  lab.hosts['node2']!.pkgVersion = '11.4.60.0.0';
  const stale = await run(lab, 'node2', 'zoneadm -z www attach');
  assert.equal(stale.code, 1);
  assert.match(
    stale.stdout,
    / {2}Updating non-global zone: Auditing packages\.\n\n {16}Evaluation: Packages in zone www are out of sync with the global zone\. To proceed, retry with the -u flag\.\n {20}Result: Attach Failed\.\n$/,
  );
  assert.equal(lab.hosts['node2']!.zone('www')!.state, 'configured');
  assert.equal(lab.hosts['node2']!.dataset(`${ZBE}-0`), undefined, 'trap_exit deletes the datasets the attach created');
  const updated = await run(lab, 'node2', 'zoneadm -z www attach -u');
  assert.equal(updated.code, 0, updated.stdout);
  assert.match(updated.stdout, / {2}Updating non-global zone: Syncing packages\.\n/);
  assert.equal(lab.hosts['node2']!.dataset(`${ZBE}-0`)!.imageVersion, '11.4.60.0.0');
});

test('uninstall -F destroys only the zone BEs of the active BE; orphans and the zonepath stay', async () => {
  const target = lab.hosts['node2']!;
  assert.equal((await run(lab, 'node2', 'zoneadm -z www attach')).code, 0);
  const already = await run(lab, 'node2', 'zoneadm -z www attach');
  assert.deepEqual([already.code, already.stderr], [1, "zoneadm: zone 'www': is already installed.\n"]);
  const r = await run(lab, 'node2', 'zoneadm -z www uninstall -F');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(target.zone('www')!.state, 'configured');
  assert.equal(target.dataset(`${ZBE}-0`), undefined);
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
  assert.deepEqual(
    [refused.code, refused.stderr],
    [1, "zoneadm: zone 'www': uninstall operation is invalid for running zones.\n"],
  );
  await run(lab, 'node1', 'zoneadm -z www halt');
  assert.equal((await run(lab, 'node1', 'zoneadm -z www uninstall -F')).code, 0);
  assert.equal(source.dataset('rpool/zones/www'), undefined);
  assert.ok(source.dataset('pool1/www'), "delegated datasets are not the zone's to destroy");
});
