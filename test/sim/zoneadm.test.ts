import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }], timings: { bootMs: 40, shutdownMs: 60, haltMs: 5 } });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  lab.hosts['node1']!.configureZone('db', { props: { brand: 'solaris', zonepath: '/zones/db', 'ip-type': 'exclusive' }, resources: [] }, 'configured');
});

after(() => lab.stop());

test('list -cp prints the 11.4 parsable format, global zone first, trailing colon', async () => {
  const r = await run(lab, 'node1', 'pfexec zoneadm list -cp');
  assert.equal(r.code, 0);
  const uuid = lab.hosts['node1']!.zone('www')!.uuid;
  const dbUuid = lab.hosts['node1']!.zone('db')!.uuid;
  assert.equal(
    r.stdout,
    `0:global:running:/::solaris:shared:-:none:\n1:www:running:/zones/www:${uuid}:solaris:excl:-::\n-:db:configured:/zones/db:${dbUuid}:solaris:excl:-::\n`,
  );
});

test('list -ip leaves out configured zones; -z Z list -p prints that zone only', async () => {
  const installed = await run(lab, 'node1', 'zoneadm list -ip');
  assert.deepEqual(installed.stdout.trim().split('\n').map((l) => l.split(':')[1]), ['global', 'www']);
  const one = await run(lab, 'node1', 'zoneadm -z db list -p');
  assert.match(one.stdout, /^-:db:configured:\/zones\/db:/);
  assert.equal(one.stdout.trim().split('\n').length, 1);
});

test('list -v prints the widened 11.4 table; -p with -v is refused', async () => {
  const r = await run(lab, 'node1', 'zoneadm list -cv');
  assert.equal(r.stdout.split('\n')[0], '  ID NAME             STATUS      PATH                         BRAND      IP');
  assert.equal(r.stdout.split('\n')[1], '   0 global           running     /                            solaris    shared');
  const both = await run(lab, 'node1', 'zoneadm list -pv');
  assert.equal(both.code, 1);
  assert.equal(both.stderr, 'zoneadm: list -p and -v are mutually exclusive.\n');
});

test('unknown zone: No such zone configured, exit 1', async () => {
  const r = await run(lab, 'node1', 'zoneadm -z nosuch boot');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'zoneadm: nosuch: No such zone configured\n');
});

test('state-check errors follow sanity_check', async () => {
  const detach = await run(lab, 'node1', 'zoneadm -z www detach');
  assert.deepEqual([detach.code, detach.stderr], [1, "zoneadm: zone 'www': detach operation is invalid for running zones.\n"]);
  const boot = await run(lab, 'node1', 'zoneadm -z db boot');
  assert.deepEqual([boot.code, boot.stderr], [1, "zoneadm: zone 'db': must be installed before boot.\n"]);
  const again = await run(lab, 'node1', 'zoneadm -z www boot');
  assert.deepEqual([again.code, again.stderr], [0, "zoneadm: zone 'www': zone is already booted\n"]);
  const uninstall = await run(lab, 'node1', 'zoneadm -z db uninstall -F');
  assert.deepEqual([uninstall.code, uninstall.stderr], [1, "zoneadm: zone 'db': is already in state 'configured'.\n"]);
  const shutdown = await run(lab, 'node1', 'zoneadm -z db shutdown');
  assert.deepEqual([shutdown.code, shutdown.stderr], [1, "zoneadm: zone 'db': not running\n"]);
});

test('zlogin init 5 returns at once; the zone passes shutting_down/down to installed; boot goes via ready', async () => {
  const host = lab.hosts['node1']!;
  const r = await run(lab, 'node1', 'zlogin www init 5');
  assert.equal(r.code, 0);
  assert.ok(['shutting_down', 'down'].includes(host.zone('www')!.state), host.zone('www')!.state);
  const seen = new Set<string>();
  while (host.zone('www')!.state !== 'installed') {
    seen.add((await run(lab, 'node1', 'zoneadm -z www list -p')).stdout.split(':')[2] ?? '');
  }
  assert.ok(seen.has('shutting_down') || seen.has('down'));
  assert.match((await run(lab, 'node1', 'zoneadm -z www list -p')).stdout, /^-:www:installed:/);
  const halted = await run(lab, 'node1', 'zoneadm -z www halt');
  assert.deepEqual([halted.code, halted.stderr], [0, "zoneadm: zone 'www': zone is already halted\n"]);
  const login = await run(lab, 'node1', 'zlogin www svcs -H -o state svc:/milestone/multi-user:default');
  assert.deepEqual([login.code, login.stderr], [1, "zlogin: login allowed only to running zones (www is 'installed').\n"]);

  const booting = run(lab, 'node1', 'zoneadm -z www boot');
  while (host.zone('www')!.state === 'installed') await new Promise((r) => setImmediate(r));
  assert.equal(host.zone('www')!.state, 'ready');
  assert.equal((await booting).code, 0);
  assert.equal(host.zone('www')!.state, 'running');
  const svc = await run(lab, 'node1', 'zlogin www svcs -H -o state svc:/milestone/multi-user:default');
  assert.deepEqual([svc.code, svc.stdout], [0, 'online\n']);
  const other = await run(lab, 'node1', 'zlogin www uptime');
  assert.deepEqual([other.code, other.stderr], [127, 'sh: uptime: not found\n']);
});

test('zlogin errors: unknown zone, configured zone, global zone', async () => {
  assert.equal((await run(lab, 'node1', 'zlogin nosuch true')).stderr, "zlogin: zone 'nosuch' unknown\n");
  assert.equal((await run(lab, 'node1', 'zlogin db true')).stderr, "zlogin: cannot login to a zone which is 'configured'\n");
  assert.equal((await run(lab, 'node1', 'zlogin global true')).stderr, "zlogin: 'zlogin' not applicable to the global zone\n");
});

test('detach -n manifest feeds attach -n - on another host; -u is demanded when packages are older', async () => {
  const manifest = await run(lab, 'node1', 'zoneadm -z www detach -n');
  assert.equal(manifest.code, 0);
  assert.match(manifest.stdout, /<zone name="www" zonepath="\/zones\/www"[^>]*brand="solaris"/);
  const ok = await run(lab, 'node2', 'pfexec zoneadm attach -n -', manifest.stdout);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Result: Attach Simulation Succeeded\./);
  assert.equal(lab.hosts['node2']!.zone('www'), undefined, 'a dry run changes nothing');

  lab.hosts['node2']!.pkgVersion = '11.4.50.126.0';
  try {
    const stale = await run(lab, 'node2', 'zoneadm attach -n -', manifest.stdout);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /Packages in zone www are out of sync with the global zone\. To proceed, retry with the -u flag\./);
    assert.match(stale.stderr, /Result: Attach Simulation Failed\./);
    assert.equal((await run(lab, 'node2', 'zoneadm attach -u -n -', manifest.stdout)).code, 0);
  } finally {
    lab.hosts['node2']!.pkgVersion = lab.hosts['node1']!.pkgVersion;
  }
});

test('boot fails when a net resource names a VNIC the host lacks', async () => {
  const host = lab.hosts['node1']!;
  host.configureZone('app', { props: { brand: 'solaris', zonepath: '/zones/app', 'ip-type': 'exclusive' }, resources: [{ type: 'net', props: { physical: 'app0' } }] }, 'installed');
  const r = await run(lab, 'node1', 'zoneadm -z app boot');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "zone 'app': failed to get link id for app0: object not found\nzoneadm: zone 'app': call to zoneadmd failed\n");
  assert.equal(host.zone('app')!.state, 'installed');
  assert.equal((await run(lab, 'node1', 'pfexec dladm create-vnic -l net0 app0')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z app boot')).code, 0);
  assert.equal(host.zone('app')!.state, 'running');
});
