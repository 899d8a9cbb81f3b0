import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedTargetHost } from '../../src/sim/fixtures';
import type { SimHost } from '../../src/sim/simHost';
import { run } from './sshClient';

// Zone BE selection on `zoneadm attach`, per release: Solaris 11.0 (solaris brand source), 11.3/11.4
// (Oracle docs), OmniOS ipkg (omniosorg/pkg5 brand scripts); and the zonepath dataset checks.

const PARENT = 'org.opensolaris.libbe:parentbe';
const ACTIVE = 'org.opensolaris.libbe:active';
const OTHER_UUID = '11111111-2222-3333-4444-555555555555';
const OTHER_UUID2 = '66666666-7777-8888-9999-000000000000';

let lab: Lab;

beforeEach(async () => {
  lab = await startLab({
    hosts: [
      { name: 's110', release: '11.0' },
      { name: 's113', release: '11.3' },
      { name: 's114', release: '11.4' },
      { name: 'omni', release: 'omnios' },
    ],
  });
  for (const host of Object.values(lab.hosts)) {
    seedTargetHost(host);
    host.dataset('rpool/zones')!.mounted = true;
  }
});

afterEach(() => lab.stop());

interface ZbeSpec {
  name: string;
  /** 'current' = this host's active BE uuid; undefined = no parentbe. */
  parent?: string;
  active?: 'on' | 'off';
  creation?: number;
}

/** A detached solaris-brand zone: rpool/zones/<zone> on /zones/<zone>, ZBEs under rpool/ROOT. */
function solarisZone(host: SimHost, zone: string, zbes: ZbeSpec[]): void {
  const zp = `rpool/zones/${zone}`;
  host.createDataset(zp).mounted = true;
  host.createDataset(`${zp}/rpool`, { props: { zoned: 'on', mountpoint: '/rpool' } });
  host.createDataset(`${zp}/rpool/ROOT`, { props: { canmount: 'off', mountpoint: 'legacy' } });
  for (const z of zbes) {
    const props: Record<string, string> = { mountpoint: '/', canmount: 'noauto' };
    if (z.parent !== undefined) props[PARENT] = z.parent === 'current' ? host.activeBeUuid() : z.parent;
    if (z.active !== undefined) props[ACTIVE] = z.active;
    const d = host.createDataset(`${zp}/rpool/ROOT/${z.name}`, { props, sizeBytes: 256 * 1024 });
    d.imageVersion = host.pkgVersion;
    if (z.creation !== undefined) d.creation = z.creation;
  }
  host.configureZone(zone, {
    props: { brand: 'solaris', zonepath: `/zones/${zone}`, 'ip-type': 'exclusive' },
    resources: [],
  });
}

async function zfsGet(host: string, props: string, ...names: string[]): Promise<string> {
  return (await run(lab, host, `zfs get -H -o name,property,value ${props} ${names.join(' ')}`)).stdout;
}

const body = (stdout: string): string =>
  stdout.replace(/^Progress being logged to \/var\/log\/zones\/zoneadm\.\d{8}T\d{6}Z\.\S+\.attach\n/, '');

test('11.0 discover_active_be: the active ZBE of the current GZBE is used in place, the other left alone', async () => {
  const host = lab.hosts['s110']!;
  solarisZone(host, 'a', [
    { name: 'mine', parent: 'current', active: 'on' },
    { name: 'theirs', parent: OTHER_UUID, active: 'on' },
  ]);
  const r = await run(lab, 's110', 'zoneadm -z a attach');
  assert.equal(r.code, 0, r.stdout);
  assert.match(
    body(r.stdout),
    /^Attaching\.\.\.\n {4}Installing: Using existing zone boot environment\n {6}Zone BE root dataset: rpool\/zones\/a\/rpool\/ROOT\/mine\n/,
  );
  assert.equal(host.zone('a')!.state, 'installed');
  assert.equal(
    await zfsGet('s110', `${PARENT},${ACTIVE}`, 'rpool/zones/a/rpool/ROOT/theirs'),
    `rpool/zones/a/rpool/ROOT/theirs\t${PARENT}\t${OTHER_UUID}\nrpool/zones/a/rpool/ROOT/theirs\t${ACTIVE}\ton\n`,
  );
  assert.equal(
    await zfsGet('s110', 'com.oracle.libbe:nbe_handle', 'rpool/zones/a/rpool'),
    'rpool/zones/a/rpool\tcom.oracle.libbe:nbe_handle\ton\n',
  );
});

test('11.0: the only active ZBE of a missing GZBE is used in place (11.4 clones it)', async () => {
  for (const name of ['s110', 's114']) {
    const host = lab.hosts[name]!;
    solarisZone(host, 'o', [
      { name: 'solaris', parent: OTHER_UUID, active: 'on' },
      { name: 'spare', parent: OTHER_UUID },
    ]);
    const r = await run(lab, name, 'zoneadm -z o attach');
    assert.equal(r.code, 0, r.stdout);
    const cloned = name === 's114';
    assert.match(
      body(r.stdout),
      cloned
        ? /Using clone of zone boot environment 'solaris'\n {6}Zone BE root dataset: rpool\/zones\/o\/rpool\/ROOT\/solaris-0\n/
        : /Using existing zone boot environment\n {6}Zone BE root dataset: rpool\/zones\/o\/rpool\/ROOT\/solaris\n/,
      name,
    );
    const activeZbe = cloned ? 'rpool/zones/o/rpool/ROOT/solaris-0' : 'rpool/zones/o/rpool/ROOT/solaris';
    assert.equal(await zfsGet(name, PARENT, activeZbe), `${activeZbe}\t${PARENT}\t${host.activeBeUuid()}\n`, name);
  }
});

test('11.0: the only active ZBE of another GZBE on this host is cloned', async () => {
  const host = lab.hosts['s110']!;
  const oldUuid = host.addBootEnvironment('old-be', false);
  solarisZone(host, 'c', [{ name: 'solaris', parent: oldUuid, active: 'on' }]);
  const r = await run(lab, 's110', 'zoneadm -z c attach');
  assert.equal(r.code, 0, r.stdout);
  assert.match(
    body(r.stdout),
    /Using clone of zone boot environment 'solaris'\n {6}Zone BE root dataset: rpool\/zones\/c\/rpool\/ROOT\/solaris-0\n/,
  );
  assert.equal(
    await zfsGet('s110', PARENT, 'rpool/zones/c/rpool/ROOT/solaris'),
    `rpool/zones/c/rpool/ROOT/solaris\t${PARENT}\t${oldUuid}\n`,
  );
});

test('11.0: two candidates and no rule to choose: the candidate table, the -z hint, exit 1', async () => {
  const host = lab.hosts['s110']!;
  solarisZone(host, 'amb', [
    { name: 'zbe-b', parent: OTHER_UUID2, active: 'on' },
    { name: 'zbe-a', parent: OTHER_UUID, active: 'on' },
  ]);
  const r = await run(lab, 's110', 'zoneadm -z amb attach -u');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  assert.equal(
    body(r.stdout),
    'Unable to determine which boot environment to activate.  Candidates are:\n\n' +
      'Zone Boot Environment Active Global Zone Boot Environment\n' +
      '--------------------- ------ ------------------------------------\n' +
      `zbe-a                 on     ${OTHER_UUID}\n` +
      `zbe-b                 on     ${OTHER_UUID2}\n` +
      '\n' +
      'Use the following command to attach a specific zone boot environment:\n' +
      'zoneadm -z amb attach -z <zbe> -u\n' +
      '                    Result: Attach Failed.\n',
  );
  assert.equal(host.zone('amb')!.state, 'configured');
  const chosen = await run(lab, 's110', 'zoneadm -z amb attach -z zbe-b');
  assert.equal(chosen.code, 0, chosen.stdout);
  assert.match(
    body(chosen.stdout),
    /Using clone of zone boot environment 'zbe-b'\n {6}Zone BE root dataset: rpool\/zones\/amb\/rpool\/ROOT\/solaris-0\n/,
  );
});

test('11.0: attach -z <zbe> of the current GZBE is used in place; set_active_be turns the others off', async () => {
  const host = lab.hosts['s110']!;
  solarisZone(host, 'z', [
    { name: 'one', parent: 'current', active: 'on' },
    { name: 'two', parent: 'current', active: 'off' },
  ]);
  const r = await run(lab, 's110', 'zoneadm -z z attach -z two');
  assert.equal(r.code, 0, r.stdout);
  assert.match(
    body(r.stdout),
    /Using existing zone boot environment\n {6}Zone BE root dataset: rpool\/zones\/z\/rpool\/ROOT\/two\n/,
  );
  assert.equal(
    await zfsGet('s110', ACTIVE, 'rpool/zones/z/rpool/ROOT/one', 'rpool/zones/z/rpool/ROOT/two'),
    `rpool/zones/z/rpool/ROOT/one\t${ACTIVE}\toff\nrpool/zones/z/rpool/ROOT/two\t${ACTIVE}\ton\n`,
  );
});

test('11.0: no ZBE at all is "Zone has no boot environments"; -x is not an 11.0 option', async () => {
  const host = lab.hosts['s110']!;
  solarisZone(host, 'e', []);
  const r = await run(lab, 's110', 'zoneadm -z e attach');
  assert.equal(r.code, 1);
  assert.equal(body(r.stdout), 'ERROR: Zone has no boot environments\n                    Result: Attach Failed.\n');
  const x = await run(lab, 's110', 'zoneadm -z e attach -x deny-zbe-clone');
  assert.equal(x.code, 1);
  assert.equal(x.stdout, '');
  assert.match(
    x.stderr,
    /^\nbrand-specific usage: Usage:\n\t attach \[-uv\] \[-a archive \| -d directory \| -z zbe\] \[-c profile\.xml \| dir\]\n/,
  );
  assert.match(x.stderr, /\nusage:\tattach \[-F\] \[-n <path>\] \[brand-specific args\]\n/);
  assert.equal(host.zone('e')!.state, 'configured');
});

test('11.3: a ZBE of no GZBE is cloned by default; deny-zbe-clone uses it in place; force-zbe-clone clones our own', async () => {
  const host = lab.hosts['s113']!;
  solarisZone(host, 'd', [{ name: 'solaris', parent: OTHER_UUID, active: 'off' }]);
  const deflt = await run(lab, 's113', 'zoneadm -z d attach');
  assert.match(body(deflt.stdout), /Using clone of zone boot environment 'solaris'\n/);
  assert.equal((await run(lab, 's113', 'zoneadm -z d detach')).code, 0);
  // solaris-0 now belongs to this GZBE: in place by default, cloned with force-zbe-clone.
  const own = await run(lab, 's113', 'zoneadm -z d attach');
  assert.match(
    body(own.stdout),
    /Using existing zone boot environment\n {6}Zone BE root dataset: rpool\/zones\/d\/rpool\/ROOT\/solaris-0\n/,
  );
  assert.equal((await run(lab, 's113', 'zoneadm -z d detach')).code, 0);
  const forced = await run(lab, 's113', 'zoneadm -z d attach -x force-zbe-clone');
  assert.equal(forced.code, 0, forced.stdout);
  assert.match(
    body(forced.stdout),
    /Using clone of zone boot environment 'solaris-0'\n {6}Zone BE root dataset: rpool\/zones\/d\/rpool\/ROOT\/solaris-1\n/,
  );

  solarisZone(host, 'n', [{ name: 'solaris', parent: OTHER_UUID, active: 'off' }]);
  const denied = await run(lab, 's113', 'zoneadm -z n attach -x deny-zbe-clone');
  assert.equal(denied.code, 0, denied.stdout);
  assert.match(
    body(denied.stdout),
    /Using existing zone boot environment\n {6}Zone BE root dataset: rpool\/zones\/n\/rpool\/ROOT\/solaris\n/,
  );
});

test('11.3: force-zbe-clone and deny-zbe-clone together are refused before anything changes', async () => {
  const host = lab.hosts['s113']!;
  solarisZone(host, 'fd', [{ name: 'solaris', parent: OTHER_UUID, active: 'off' }]);
  const before = host.snapshotState();
  const r = await run(lab, 's113', 'zoneadm -z fd attach -x force-zbe-clone -x deny-zbe-clone');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^force-zbe-clone and deny-zbe-clone are mutually exclusive\nbrand-specific usage: /);
  assert.deepEqual(host.snapshotState(), before);
});

test('11.4: attach-last-booted-zbe picks the newest active ZBE; destroy-orphan-zbes removes the orphans', async () => {
  const host = lab.hosts['s114']!;
  solarisZone(host, 'l', [
    { name: 'older', parent: OTHER_UUID, active: 'on', creation: 1_600_000_000 },
    { name: 'newer', parent: OTHER_UUID2, active: 'on', creation: 1_700_000_000 },
  ]);
  const r = await run(lab, 's114', 'zoneadm -z l attach -x attach-last-booted-zbe -x destroy-orphan-zbes');
  assert.equal(r.code, 0, r.stdout);
  assert.match(
    body(r.stdout),
    /Using clone of zone boot environment 'newer'\n {6}Zone BE root dataset: rpool\/zones\/l\/rpool\/ROOT\/solaris-0\n/,
  );
  assert.deepEqual(
    host.zfs.children('rpool/zones/l/rpool/ROOT').map((d) => d.name),
    ['rpool/zones/l/rpool/ROOT/solaris-0'],
  );
});

test('Solaris zonepath: zoneadm mounts an unmounted dataset whose mountpoint is the zonepath', async () => {
  const host = lab.hosts['s114']!;
  solarisZone(host, 'u', [{ name: 'solaris', parent: 'current', active: 'on' }]);
  host.dataset('rpool/zones/u')!.mounted = false;
  const r = await run(lab, 's114', 'zoneadm -z u attach');
  assert.equal(r.code, 0, r.stdout);
  assert.equal(host.dataset('rpool/zones/u')!.mounted, true);
});

test('Solaris zonepath: a dataset zfs_mount() will not mount (canmount=off) fails validate_zonepath', async () => {
  const host = lab.hosts['s114']!;
  solarisZone(host, 'v', [{ name: 'solaris', parent: 'current', active: 'on' }]);
  const ds = host.dataset('rpool/zones/v')!;
  ds.props.canmount = 'off';
  ds.mounted = false;
  const r = await run(lab, 's114', 'zoneadm -z v attach');
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [
      1,
      '',
      "zoneadm: zone 'v': zonepath is not a mountpoint for a zfs file system\ncould not verify zonepath /zones/v because of the above errors.\n",
    ],
  );
  assert.equal(host.zone('v')!.state, 'configured');
});

test('Solaris zonepath: a default-named dataset mounted elsewhere fails create_zfs_zonepath', async () => {
  const host = lab.hosts['s114']!;
  solarisZone(host, 'm', [{ name: 'solaris', parent: 'current', active: 'on' }]);
  const ds = host.dataset('rpool/zones/m')!;
  ds.props.mountpoint = '/elsewhere';
  ds.mounted = false;
  const r = await run(lab, 's114', 'zoneadm -z m attach');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    "zoneadm: zone 'm': default zonepath dataset for /zones/m is rpool/zones/m\n" +
      "zoneadm: zone 'm': dataset rpool/zones/m exists with mountpoint /elsewhere\n" +
      "zoneadm: zone 'm': failed to create zone path\n",
  );
});

test('Solaris zonepath: no dataset at all is created by zoneadm, then the brand finds no ZBE', async () => {
  const host = lab.hosts['s114']!;
  host.configureZone('new', {
    props: { brand: 'solaris', zonepath: '/zones/new', 'ip-type': 'exclusive' },
    resources: [],
  });
  const r = await run(lab, 's114', 'zoneadm -z new attach');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^A ZFS file system has been created for this zone\.\nProgress being logged to /);
  assert.match(r.stdout, /\nERROR: Zone has no boot environments\n {20}Result: Attach Failed\.\n$/);
  assert.ok(host.dataset('rpool/zones/new'));
  host.configureZone('root', {
    props: { brand: 'solaris', zonepath: '/export/root', 'ip-type': 'exclusive' },
    resources: [],
  });
  const inRoot = await run(lab, 's114', 'zoneadm -z root attach');
  assert.deepEqual(
    [inRoot.code, inRoot.stderr],
    [
      1,
      "zoneadm: zone 'root': zonepath must not be in global zone root file system.\nzoneadm: zone 'root': failed to create zone path\n",
    ],
  );
});

test('attach -F skips the brand: the zone is installed, no ZBE is touched', async () => {
  const host = lab.hosts['s114']!;
  solarisZone(host, 'f', [{ name: 'solaris', parent: OTHER_UUID, active: 'on' }]);
  const r = await run(lab, 's114', 'zoneadm -z f attach -F');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
  assert.equal(host.zone('f')!.state, 'installed');
  assert.equal(host.dataset('rpool/zones/f/rpool/ROOT/solaris-0'), undefined);
});

/** A detached ipkg zone as OmniOS's detach leaves it: the ZBE mounted on <zonepath>/root. */
function ipkgZone(host: SimHost, zone: string, opts: { mounted: boolean }): void {
  const zp = `rpool/zones/${zone}`;
  host.createDataset(zp).mounted = true;
  host.createDataset(`${zp}/ROOT`, { props: { mountpoint: 'legacy', zoned: 'on', canmount: 'off' } });
  const zbe = host.createDataset(`${zp}/ROOT/zbe`, {
    props: {
      mountpoint: opts.mounted ? `/zones/${zone}/root` : 'legacy',
      canmount: 'on',
      zoned: 'off',
      [PARENT]: OTHER_UUID,
      [ACTIVE]: 'on',
    },
    sizeBytes: 256 * 1024,
  });
  zbe.mounted = opts.mounted;
  zbe.imageVersion = host.pkgVersion;
  host.createDataset(`${zp}/ROOT/zbe-1`, {
    props: { canmount: 'noauto', [PARENT]: host.activeBeUuid(), [ACTIVE]: 'on' },
  });
  host.configureZone(zone, {
    props: { brand: 'ipkg', zonepath: `/zones/${zone}`, 'ip-type': 'exclusive' },
    resources: [],
  });
}

test('OmniOS ipkg: attach takes the dataset mounted at <zonepath>/root and stamps parentbe and active on it', async () => {
  const host = lab.hosts['omni']!;
  ipkgZone(host, 'oz', { mounted: true });
  const r = await run(lab, 'omni', 'zoneadm -z oz attach');
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout.replace(/^Log File: \/var\/tmp\/oz\.attach_log\.\w{6}\n/, ''),
    '               Attach Path: /zones/oz/root\n' +
      '        Attach ZFS Dataset: rpool/zones/oz/ROOT/zbe\n\n' +
      '                Installing: Using pre-existing data in zonepath\n' +
      `       Global zone version: entire@${host.pkgVersion}\n` +
      `   Non-Global zone version: entire@${host.pkgVersion}\n` +
      '                     Cache: Using /var/pkg/publisher.\n' +
      '  Updating non-global zone: Output follows\n' +
      'No updates necessary for this image.\n' +
      '\n                    Result: Attach Succeeded.\n',
  );
  assert.equal(host.zone('oz')!.state, 'installed');
  assert.equal(
    await zfsGet('omni', `${PARENT},${ACTIVE},canmount,mountpoint`, 'rpool/zones/oz/ROOT/zbe'),
    `rpool/zones/oz/ROOT/zbe\t${PARENT}\t${host.activeBeUuid()}\nrpool/zones/oz/ROOT/zbe\t${ACTIVE}\ton\n` +
      'rpool/zones/oz/ROOT/zbe\tcanmount\tnoauto\nrpool/zones/oz/ROOT/zbe\tmountpoint\tlegacy\n',
  );
  // The ipkg attach does not turn other ZBEs off, so get_active_ds finds two at detach.
  assert.equal(await zfsGet('omni', ACTIVE, 'rpool/zones/oz/ROOT/zbe-1'), `rpool/zones/oz/ROOT/zbe-1\t${ACTIVE}\ton\n`);
  const detach = await run(lab, 'omni', 'zoneadm -z oz detach');
  assert.deepEqual([detach.code, detach.stdout], [1, 'ERROR: multiple active datasets.\n']);
});

test('OmniOS ipkg: detach leaves the ZBE mounted on <zonepath>/root, and attach takes it back', async () => {
  const host = lab.hosts['omni']!;
  ipkgZone(host, 'rt', { mounted: true });
  host.dataset('rpool/zones/rt/ROOT/zbe-1')!.props[ACTIVE] = 'off';
  assert.equal((await run(lab, 'omni', 'zoneadm -z rt attach')).code, 0);
  const detach = await run(lab, 'omni', 'zoneadm -z rt detach');
  assert.deepEqual([detach.code, detach.stdout, detach.stderr], [0, '', '']);
  assert.equal(
    await zfsGet('omni', 'zoned,canmount,mountpoint', 'rpool/zones/rt/ROOT/zbe'),
    'rpool/zones/rt/ROOT/zbe\tzoned\toff\nrpool/zones/rt/ROOT/zbe\tcanmount\ton\nrpool/zones/rt/ROOT/zbe\tmountpoint\t/zones/rt/root\n',
  );
  assert.equal((await run(lab, 'omni', 'zoneadm -z rt attach')).code, 0);
});

test('OmniOS ipkg: no dataset mounted at <zonepath>/root fails the attach', async () => {
  const host = lab.hosts['omni']!;
  ipkgZone(host, 'nm', { mounted: false });
  const r = await run(lab, 'omni', 'zoneadm -z nm attach');
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout.replace(/^Log File: .*\n/, ''),
    'ERROR: Failed to locate any dataset mounted at /zones/nm/root.  Attach requires a mounted dataset.\n' +
      '                    Result: Attach Failed.\n',
  );
  assert.equal(host.zone('nm')!.state, 'configured');
});

test('OmniOS: detach -n prints the XML without configure-allowed-address; attach -n - exits 0', async () => {
  const host = lab.hosts['omni']!;
  host.configureZone('x', {
    props: { brand: 'lipkg', zonepath: '/zones/x', 'ip-type': 'exclusive', autoboot: 'false' },
    resources: [{ type: 'net', props: { physical: 'x0' } }],
  });
  const xml = await run(lab, 'omni', 'zoneadm -z x detach -n');
  assert.match(
    xml.stdout,
    /\n<zone name="x" zonepath="\/zones\/x" autoboot="false" brand="lipkg" ip-type="exclusive">\n {2}<network physical="x0"\/>\n<\/zone>\n$/,
  );
  const dry = await run(lab, 'omni', 'zoneadm attach -n -', xml.stdout);
  assert.deepEqual([dry.code, dry.stdout, dry.stderr], [0, '', '']);
  const solaris = await run(lab, 's114', 'zoneadm attach -n -', xml.stdout);
  assert.deepEqual([solaris.code, solaris.stderr], [1, "zoneadm: zone '-': missing or invalid brand\n"]);
});

test('beadm list -H: empty fields stay empty, a BE without uuid has an empty uuid field', async () => {
  for (const name of ['s114', 'omni']) {
    const host = lab.hosts[name]!;
    host.createDataset('rpool/ROOT/nouuid', { props: { mountpoint: '/', canmount: 'noauto' } });
    const r = await run(lab, name, 'beadm list -H');
    const be = (n: string): { used: number; created: number } => {
      const d = host.dataset(`rpool/ROOT/${n}`)!;
      return { used: host.zfs.used(d), created: d.creation };
    };
    assert.equal(
      r.stdout,
      `nouuid;;;;${be('nouuid').used};static;${be('nouuid').created}\n` +
        `solaris;${host.activeBeUuid()};NR;/;${be('solaris').used};static;${be('solaris').created}\n`,
      name,
    );
  }
});
