import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({
    hosts: [{ name: 'node1' }, { name: 'node2' }],
    // A shutdown long enough to be watched under load: a test below sees its intermediate states.
    timings: { bootMs: 40, shutdownMs: 1000, haltMs: 5 },
  });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  lab.hosts['node1']!.configureZone(
    'db',
    { props: { brand: 'solaris', zonepath: '/zones/db', 'ip-type': 'exclusive' }, resources: [] },
    'configured',
  );
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
  assert.deepEqual(
    installed.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(':')[1]),
    ['global', 'www'],
  );
  const one = await run(lab, 'node1', 'zoneadm -z db list -p');
  assert.match(one.stdout, /^-:db:configured:\/zones\/db:/);
  assert.equal(one.stdout.trim().split('\n').length, 1);
});

test('list -v prints the widened 11.4 table; -p with -v is refused', async () => {
  const r = await run(lab, 'node1', 'zoneadm list -cv');
  assert.equal(r.stdout.split('\n')[0], '  ID NAME             STATUS      PATH                         BRAND      IP');
  assert.equal(
    r.stdout.split('\n')[1],
    '   0 global           running     /                            solaris    shared',
  );
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
  assert.deepEqual(
    [detach.code, detach.stderr],
    [1, "zoneadm: zone 'www': detach operation is invalid for running zones.\n"],
  );
  const boot = await run(lab, 'node1', 'zoneadm -z db boot');
  assert.deepEqual([boot.code, boot.stderr], [1, "zoneadm: zone 'db': must be installed before boot.\n"]);
  const again = await run(lab, 'node1', 'zoneadm -z www boot');
  assert.deepEqual([again.code, again.stderr], [0, "zoneadm: zone 'www': zone is already booted\n"]);
  const uninstall = await run(lab, 'node1', 'zoneadm -z db uninstall -F');
  assert.deepEqual([uninstall.code, uninstall.stderr], [1, "zoneadm: zone 'db': is already in state 'configured'.\n"]);
  const shutdown = await run(lab, 'node1', 'zoneadm -z db shutdown');
  assert.deepEqual([shutdown.code, shutdown.stderr], [1, "zoneadm: zone 'db': not running\n"]);
});

test('zlogin joins its arguments into one shell line in the zone: quoting per argument is lost', async () => {
  const joined = await run(lab, 'node1', "zlogin www zonename ';' zonename");
  assert.deepEqual([joined.code, joined.stdout], [0, 'www\nwww\n']);
  const one = await run(lab, 'node1', "zlogin www 'true && zonename'");
  assert.deepEqual([one.code, one.stdout], [0, 'www\n']);
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
  assert.deepEqual(
    [login.code, login.stderr],
    [1, "zlogin: login allowed only to running zones (www is 'installed').\n"],
  );

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
  assert.equal(
    (await run(lab, 'node1', 'zlogin db true')).stderr,
    "zlogin: cannot login to a zone which is 'configured'\n",
  );
  assert.equal(
    (await run(lab, 'node1', 'zlogin global true')).stderr,
    "zlogin: 'zlogin' not applicable to the global zone\n",
  );
});

const WWW_XML = `<?xml version="1.0"?>
<!DOCTYPE zone PUBLIC "-//Sun Microsystems Inc//DTD Zones//EN" "file:///usr/share/lib/xml/dtd/zonecfg.dtd.1">
<!--
    DO NOT EDIT THIS FILE.  Use zonecfg(1M) instead.
-->
<zone name="www" zonepath="/zones/www" autoboot="true" brand="solaris" ip-type="exclusive" autoshutdown="shutdown">
  <network physical="www0" configure-allowed-address="true"/>
  <dataset name="pool1/www" alias="pool1"/>
</zone>
`;

test("detach -n prints the zone's /etc/zones XML, with no <package> element; also for a configured zone", async () => {
  const manifest = await run(lab, 'node1', 'zoneadm -z www detach -n');
  assert.deepEqual([manifest.code, manifest.stdout, manifest.stderr], [0, WWW_XML, '']);
  assert.equal(lab.hosts['node1']!.zone('www')!.state, 'running');
  const configured = await run(lab, 'node1', 'zoneadm -z db detach -n');
  assert.equal(configured.code, 0);
  assert.match(
    configured.stdout,
    /\n<zone name="db" zonepath="\/zones\/db" autoboot="false" brand="solaris" ip-type="exclusive"\/>\n$/,
  );
});

test('detach -n writes resources with their zonecfg.dtd element names', async () => {
  const host = lab.hosts['node2']!;
  host.configureZone('res', {
    props: { brand: 'solaris', zonepath: '/zones/res', autoboot: 'false', 'ip-type': 'exclusive' },
    resources: [
      { type: 'anet', props: { linkname: 'net0', 'lower-link': 'auto', 'mac-address': 'auto' } },
      { type: 'attr', props: { name: 'note', type: 'string', value: 'a "b" & <c>' } },
      { type: 'rctl', props: { name: 'zone.cpu-shares', value: '(priv=privileged,limit=10,action=none)' } },
      { type: 'dataset', props: { name: 'pool1/res' } },
    ],
  });
  const r = await run(lab, 'node2', 'zoneadm -z res detach -n');
  assert.equal(
    r.stdout.split('-->\n')[1],
    '<zone name="res" zonepath="/zones/res" autoboot="false" brand="solaris" ip-type="exclusive">\n' +
      '  <automatic-network lower-link="auto" linkname="net0" configure-allowed-address="true" mac-address="auto"/>\n' +
      '  <attr name="note" type="string" value="a &quot;b&quot; &amp; &lt;c&gt;"/>\n' +
      '  <rctl name="zone.cpu-shares">\n    <rctl-value priv="privileged" limit="10" action="none"/>\n  </rctl>\n' +
      '  <dataset name="pool1/res" alias="res"/>\n' +
      '</zone>\n',
  );
  host.deleteZone('res');
});

test('attach -n - needs no configured zone and checks no packages: exit 0, no output', async () => {
  const manifest = (await run(lab, 'node1', 'zoneadm -z www detach -n')).stdout;
  const ok = await run(lab, 'node2', 'pfexec zoneadm attach -n -', manifest);
  assert.deepEqual([ok.code, ok.stdout, ok.stderr], [0, '', '']);
  assert.equal(lab.hosts['node2']!.zone('www'), undefined, 'a dry run changes nothing');
  lab.hosts['node2']!.pkgVersion = '11.4.50.126.0';
  try {
    const newer = await run(lab, 'node2', 'zoneadm attach -n -', manifest);
    assert.deepEqual([newer.code, newer.stdout, newer.stderr], [0, '', '']);
  } finally {
    lab.hosts['node2']!.pkgVersion = lab.hosts['node1']!.pkgVersion;
  }
});

test('-z Z is resolved first for every subcommand, attach -n included', async () => {
  const manifest = (await run(lab, 'node1', 'zoneadm -z www detach -n')).stdout;
  const dry = await run(lab, 'node2', 'zoneadm -z www attach -n -', manifest);
  assert.deepEqual([dry.code, dry.stdout, dry.stderr], [1, '', 'zoneadm: www: No such zone configured\n']);
  const list = await run(lab, 'node2', 'zoneadm -z www list -p');
  assert.deepEqual([list.code, list.stderr], [1, 'zoneadm: www: No such zone configured\n']);
});

test('attach -n - rejects what zonecfg_attach_manifest cannot parse or validate', async () => {
  const garbage = await run(lab, 'node2', 'zoneadm attach -n -', 'not xml at all\n');
  assert.deepEqual([garbage.code, garbage.stderr], [1, 'zoneadm: Input is not a valid XML file\n']);
  const noDoctype = await run(
    lab,
    'node2',
    'zoneadm attach -n -',
    '<?xml version="1.0"?>\n<zone name="x" zonepath="/zones/x" autoboot="false"/>\n',
  );
  assert.deepEqual([noDoctype.code, noDoctype.stderr], [1, 'zoneadm: Input is not a valid XML file\n']);
  const badAutoboot = await run(
    lab,
    'node2',
    'zoneadm attach -n -',
    WWW_XML.replace('autoboot="true"', 'autoboot="yes"'),
  );
  assert.deepEqual([badAutoboot.code, badAutoboot.stderr], [1, 'zoneadm: Input is not a valid XML file\n']);
  const withZone = await run(lab, 'node1', 'zoneadm -z db attach -n -', 'garbage');
  assert.deepEqual([withZone.code, withZone.stderr], [1, "zoneadm: zone 'db': Input is not a valid XML file\n"]);
  const ipkg = await run(lab, 'node2', 'zoneadm attach -n -', WWW_XML.replace('brand="solaris"', 'brand="ipkg"'));
  assert.deepEqual([ipkg.code, ipkg.stderr], [1, "zoneadm: zone '-': missing or invalid brand\n"]);
  const path = await run(lab, 'node2', 'zoneadm attach -n /var/tmp/www.xml');
  assert.deepEqual(
    [path.code, path.stderr],
    [1, 'zoneadm: could not open manifest path /var/tmp/www.xml: No such file or directory\n'],
  );
  const both = await run(lab, 'node2', 'zoneadm attach -F -n -', WWW_XML);
  assert.deepEqual([both.code, both.stderr], [1, 'zoneadm: -F and -n flags are mutually exclusive\n']);
});

test('attach -n -: the solaris brand needs the current global-zone BE uuid from beadm list -H', async () => {
  const host = lab.hosts['node2']!;
  const be = host.dataset('rpool/ROOT/solaris')!;
  const uuid = be.props['org.opensolaris.libbe:uuid']!;
  delete be.props['org.opensolaris.libbe:uuid'];
  try {
    const r = await run(lab, 'node2', 'zoneadm attach -n -', WWW_XML);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'ERROR: unable to determine global zone boot environment.\n');
    assert.match(
      r.stderr,
      /^usage:\tattach \[-F\] \[-n <path>\] \[brand-specific args\]\n\tAttach the zone to the system\./,
    );
    assert.match(r.stderr, /see solaris\(5\) for more information\.\n$/);
  } finally {
    be.props['org.opensolaris.libbe:uuid'] = uuid;
  }
});

test('subcommands that need a zone say "no zone specified" without -z', async () => {
  for (const sub of ['boot', 'attach', 'detach -n']) {
    const r = await run(lab, 'node1', `zoneadm ${sub}`);
    assert.deepEqual([r.code, r.stderr], [1, 'zoneadm: no zone specified\n'], sub);
  }
});

test('boot fails when a net resource names a link the host lacks (verify warns, zoneadmd fails)', async () => {
  const host = lab.hosts['node1']!;
  host.configureZone(
    'app',
    {
      props: { brand: 'solaris', zonepath: '/zones/app', 'ip-type': 'exclusive' },
      resources: [{ type: 'net', props: { physical: 'app0' } }],
    },
    'installed',
  );
  const r = await run(lab, 'node1', 'zoneadm -z app boot');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "WARNING: skipping network interface 'app0': object not found\nzone 'app': failed to add network device\nzoneadm: zone 'app': call to zoneadmd failed\n",
  );
  assert.equal(host.zone('app')!.state, 'installed');
  assert.equal((await run(lab, 'node1', 'pfexec dladm create-vnic -l net0 app0')).code, 0);
  assert.equal((await run(lab, 'node1', 'zoneadm -z app boot')).code, 0);
  assert.equal(host.zone('app')!.state, 'running');
});

test("a shared-IP zone whose interface is missing boots anyway, with zoneadm's warning (verify_handle ZS_SHARED)", async () => {
  const host = lab.hosts['node1']!;
  const net = { type: 'net', props: { physical: 'e1000g7', address: '192.0.2.9/24' } };
  host.configureZone(
    'shr',
    { props: { brand: 'solaris', zonepath: '/zones/shr', 'ip-type': 'shared' }, resources: [net] },
    'installed',
  );
  const r = await run(lab, 'node1', 'zoneadm -z shr boot');
  assert.deepEqual(
    [r.code, r.stderr],
    [0, "WARNING: skipping network interface 'e1000g7' which may not be present/plumbed in the global zone.\n"],
  );
  assert.equal(host.zone('shr')!.state, 'running');
});

test('boot refuses an anet whose lower-link is missing; lower-link auto and a NIC are fine', async () => {
  const host = lab.hosts['node1']!;
  const anet = (lower: string) => ({ type: 'anet', props: { linkname: 'net0', 'lower-link': lower } });
  host.configureZone(
    'web',
    { props: { brand: 'solaris', zonepath: '/zones/web', 'ip-type': 'exclusive' }, resources: [anet('aggr7')] },
    'installed',
  );
  const r = await run(lab, 'node1', 'zoneadm -z web boot');
  assert.deepEqual(
    [r.code, r.stderr],
    [
      1,
      "anet resource for 'net0': unable to find lower-link 'aggr7': object not found.\nzoneadm: zone web failed to verify\n",
    ],
  );
  host.zone('web')!.config.resources = [anet('auto'), anet('net1')];
  assert.equal((await run(lab, 'node1', 'zoneadm -z web boot')).code, 0);
});

test('uninstall without -F and without a terminal is refused (uninstall_func ask_yesno)', async () => {
  const host = lab.hosts['node2']!;
  host.configureZone(
    'inst',
    { props: { brand: 'solaris', zonepath: '/zones/inst', 'ip-type': 'exclusive' }, resources: [] },
    'installed',
  );
  const r = await run(lab, 'node2', 'zoneadm -z inst uninstall');
  assert.deepEqual(
    [r.code, r.stderr],
    [1, "zoneadm: zone 'inst': Input not from terminal and -F not specified: uninstall not done.\n"],
  );
  assert.equal(host.zone('inst')!.state, 'installed');
  host.deleteZone('inst');
});

test('Solaris 11.0 prints the same nine parsable fields without the trailing colon, and its narrower -v table', async () => {
  const old = await startLab({ hosts: [{ name: 'old', release: '11.0' }] });
  try {
    seedSourceHost(old.hosts['old']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20 });
    const p = await run(old, 'old', 'zoneadm list -cp');
    assert.equal(p.stdout.split('\n')[0], '0:global:running:/::solaris:shared:-:none');
    assert.match(p.stdout.split('\n')[1] ?? '', /^\d+:www:running:\/zones\/www:[0-9a-f-]{36}:solaris:excl:-:$/);
    const v = await run(old, 'old', 'zoneadm list -v');
    assert.equal(
      v.stdout.split('\n')[0],
      `${'ID'.padStart(4)} NAME             STATUS     PATH                           BRAND    IP`,
    );
  } finally {
    await old.stop();
  }
});
