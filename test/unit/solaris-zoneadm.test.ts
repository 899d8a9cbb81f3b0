import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyZoneadmError,
  parseAttachOutput,
  parseZoneadmList,
  ParseError,
  zoneadmAttach,
  zoneadmAttachDryRun,
  zoneadmBoot,
  zoneadmDetach,
  zoneadmHalt,
  zoneadmList,
  zoneadmShutdown,
  zoneadmSuspend,
  zoneadmUninstall,
  zloginInit,
  zloginRun,
} from '../../src/solaris/index';

const uuid = '29be88cb-e61a-4204-8d9b-f4a61bf0efdd';

test('zoneadmList picks the scope flag, or lists one zone by name', () => {
  assert.deepEqual(zoneadmList({ scope: 'configured' }), ['zoneadm', 'list', '-cp']);
  assert.deepEqual(zoneadmList({ scope: 'installed' }), ['zoneadm', 'list', '-ip']);
  assert.deepEqual(zoneadmList({ scope: 'running' }), ['zoneadm', 'list', '-p']);
  assert.deepEqual(zoneadmList({ scope: 'running', zone: 'www' }), ['zoneadm', '-z', 'www', 'list', '-p']);
});

test('parseZoneadmList reads illumos 7-field lines', () => {
  const out = `0:global:running:/::ipkg:shared\n-:www:installed:/zones/www:${uuid}:lipkg:excl\n`;
  assert.deepEqual(parseZoneadmList(out), [
    { id: 0, name: 'global', state: 'running', zonepath: '/', uuid: '', brand: 'ipkg', ipType: 'shared' },
    { id: null, name: 'www', state: 'installed', zonepath: '/zones/www', uuid, brand: 'lipkg', ipType: 'excl' },
  ]);
});

test('parseZoneadmList reads Solaris 11.0 9-field lines', () => {
  const out = `0:global:running:/::solaris:shared:-:none\n3:www:running:/zones/www:${uuid}:solaris:excl:R:fixed-configuration\n`;
  const [global, www] = parseZoneadmList(out);
  assert.equal(global?.name, 'global');
  assert.deepEqual(www, {
    id: 3,
    name: 'www',
    state: 'running',
    zonepath: '/zones/www',
    uuid,
    brand: 'solaris',
    ipType: 'excl',
  });
});

test('parseZoneadmList reads the Solaris 11.3/11.4 lines with a trailing colon', () => {
  const out = [
    '0:global:running:/::solaris:shared:-:none:',
    `1:z1:running:/system/zones/z1:${uuid}:solaris:excl:-::`,
    `2:z2:installed:/system/zones/z2:${uuid}:solaris:excl:-::`,
    `-:kz1:installed:/system/volatile/zones/kz1/zonepath:${uuid}:solaris-kz:excl:-::`,
  ].join('\n');
  const entries = parseZoneadmList(out);
  assert.deepEqual(
    entries.map((e) => [e.id, e.name, e.state, e.zonepath, e.brand]),
    [
      [0, 'global', 'running', '/', 'solaris'],
      [1, 'z1', 'running', '/system/zones/z1', 'solaris'],
      [2, 'z2', 'installed', '/system/zones/z2', 'solaris'],
      [null, 'kz1', 'installed', '/system/volatile/zones/kz1/zonepath', 'solaris-kz'],
    ],
  );
});

test('parseZoneadmList unescapes colons in the zonepath', () => {
  const [entry] = parseZoneadmList(`-:odd:configured:/zones/a\\:b\\:c:${uuid}:solaris:excl:-::\r\n`);
  assert.equal(entry?.zonepath, '/zones/a:b:c');
  assert.equal(entry?.uuid, uuid);
  assert.equal(entry?.state, 'configured');
});

test('parseZoneadmList accepts every zone state and ignores blank lines', () => {
  const states = [
    'configured',
    'incomplete',
    'installed',
    'ready',
    'mounted',
    'running',
    'shutting_down',
    'down',
    'unavailable',
  ];
  const out = states.map((s, i) => `${i}:z${i}:${s}:/z${i}::solaris:excl`).join('\n\n');
  assert.deepEqual(
    parseZoneadmList(out).map((e) => e.state),
    states,
  );
  assert.deepEqual(parseZoneadmList(''), []);
});

test('parseZoneadmList throws a ParseError naming the command and line on garbage', () => {
  for (const bad of [
    'hello world',
    '0:z:running:/z::solaris',
    'x:z:running:/z::solaris:excl',
    '0:z:sleeping:/z::solaris:excl',
    '0:z:running:/z::solaris:vnic',
  ]) {
    assert.throws(
      () => parseZoneadmList(`0:global:running:/::solaris:shared\n${bad}\n`),
      (err: unknown) =>
        err instanceof ParseError && err.command === 'zoneadm list -p' && err.line === bad && err.message.includes(bad),
    );
  }
});

test('detach, attach and lifecycle builders', () => {
  assert.deepEqual(zoneadmDetach('www'), ['zoneadm', '-z', 'www', 'detach']);
  assert.deepEqual(zoneadmDetach('www', { dryRun: true }), ['zoneadm', '-z', 'www', 'detach', '-n']);
  assert.deepEqual(zoneadmAttach('www'), ['zoneadm', '-z', 'www', 'attach']);
  assert.deepEqual(zoneadmAttach('www', { update: true, zbe: 'solaris-1', extended: ['destroy-orphan-zbes'] }), [
    'zoneadm',
    '-z',
    'www',
    'attach',
    '-u',
    '-z',
    'solaris-1',
    '-x',
    'destroy-orphan-zbes',
  ]);
  assert.deepEqual(zoneadmAttachDryRun(), ['zoneadm', 'attach', '-n', '-']);
  assert.deepEqual(zoneadmAttach('kz', { extended: ['initialize-hostdata'] }), [
    'zoneadm',
    '-z',
    'kz',
    'attach',
    '-x',
    'initialize-hostdata',
  ]);
  assert.deepEqual(zoneadmBoot('www'), ['zoneadm', '-z', 'www', 'boot']);
  assert.deepEqual(zoneadmBoot('www', ['-m', 'verbose']), ['zoneadm', '-z', 'www', 'boot', '--', '-m', 'verbose']);
  assert.deepEqual(zoneadmHalt('www'), ['zoneadm', '-z', 'www', 'halt']);
  assert.deepEqual(zoneadmShutdown('www'), ['zoneadm', '-z', 'www', 'shutdown']);
  assert.deepEqual(zoneadmUninstall('www'), ['zoneadm', '-z', 'www', 'uninstall', '-F']);
  assert.deepEqual(zoneadmSuspend('kz'), ['zoneadm', '-z', 'kz', 'suspend']);
});

test('zlogin builders pass one word of quoted words, as zlogin joins its arguments for a shell', () => {
  assert.deepEqual(zloginRun('www', ['svcs', '-H', '-o', 'state', 'svc:/milestone/multi-user:default']), [
    'zlogin',
    'www',
    'svcs -H -o state svc:/milestone/multi-user:default',
  ]);
  assert.deepEqual(zloginRun('www', ['echo', 'a b;', "it's"]), ['zlogin', 'www', "echo 'a b;' 'it'\\''s'"]);
  assert.deepEqual(zloginInit('www', 5), ['zlogin', 'www', 'init 5']);
  assert.deepEqual(zloginInit('www', 0), ['zlogin', 'www', 'init 0']);
});

test('parseAttachOutput: solaris-brand success', () => {
  const out = `Progress being logged to /var/log/zones/zoneadm.20130520T101010Z.z1.attach
    Installing: Using existing zone boot environment
      Zone BE root dataset: rpool/VARSHARE/zones/z1/rpool/ROOT/solaris
                     Cache: Using /var/pkg/publisher.
  Updating non-global zone: Linking to image /.
  Updating non-global zone: Auditing packages.
  Updating non-global zone: Zone updated.
                    Result: Attach Succeeded.
`;
  assert.deepEqual(parseAttachOutput(out), {
    result: 'succeeded',
    needsUpdate: false,
    hostDataMismatch: false,
    hostDataUnreadable: false,
    inUseByOtherHost: false,
  });
});

test('parseAttachOutput: packages out of sync asks for -u', () => {
  const out = `Progress being logged to /var/log/zones/zoneadm.x.z1.attach
    Evaluation: Packages in zone z1 are out of sync with the global zone. To proceed, retry with the -u flag.
        Result: Attach Failed.
`;
  assert.deepEqual(parseAttachOutput(out), {
    result: 'failed',
    needsUpdate: true,
    hostDataMismatch: false,
    hostDataUnreadable: false,
    inUseByOtherHost: false,
  });
});

test('parseAttachOutput: kernel zone in use by another host', () => {
  const out = `zone 'kzone1': error: ERROR: zone kzone1 is in use by host with  hostid 848611d4
zone 'kzone1': error:       last known state: installed
zone 'kzone1': error:               hostname: global2
zone 'kzone1': error: To fix, detach the zone from the other host then attach it to this host
zone 'kzone1': error: If the zone is not active on another host, attach it with
zone 'kzone1': error:    zoneadm -z kzone1 attach -x force-takeover
`;
  assert.deepEqual(parseAttachOutput(out), {
    result: 'failed',
    needsUpdate: false,
    hostDataMismatch: false,
    hostDataUnreadable: false,
    inUseByOtherHost: true,
  });
});

test('parseAttachOutput: host-data key mismatch in every known wording', () => {
  for (const out of [
    "zone 'kzone1': error: Encryption key is incorrect.  See solaris-kz(7) for configuration migration\nzone 'kzone1': procedure or update /etc/zones/keys/kzone1.\n",
    "zone 'kz': error: Encryption key not available\n",
  ]) {
    const outcome = parseAttachOutput(out);
    assert.equal(outcome.hostDataMismatch, true, out);
    assert.equal(outcome.hostDataUnreadable, false, out);
    assert.equal(outcome.result, 'failed');
    assert.equal(outcome.inUseByOtherHost, false);
  }
});

test('parseAttachOutput: host data no boot device gives is a storage problem, not a key one', () => {
  const outcome = parseAttachOutput("zone 'kz': error: could not read host data from any boot device\n");
  assert.deepEqual([outcome.result, outcome.hostDataUnreadable, outcome.hostDataMismatch], ['failed', true, false]);
});

test('parseAttachOutput: silent attach is unknown (the exit code decides)', () => {
  assert.deepEqual(parseAttachOutput(''), {
    result: 'unknown',
    needsUpdate: false,
    hostDataMismatch: false,
    hostDataUnreadable: false,
    inUseByOtherHost: false,
  });
});

test('classifyZoneadmError', () => {
  assert.equal(classifyZoneadmError('zoneadm: nosuch: No such zone configured\n'), 'no-such-zone');
  assert.equal(
    classifyZoneadmError("zoneadm: zone 'z1': detach operation is invalid for running zones.\n"),
    'invalid-state',
  );
  assert.equal(classifyZoneadmError("zoneadm: zone 'z1': must be installed before boot.\n"), 'invalid-state');
  assert.equal(classifyZoneadmError("zoneadm: zone 'z1': is already in state 'configured'.\n"), 'invalid-state');
  assert.equal(classifyZoneadmError("zoneadm: zone 'z1': zone is incomplete; uninstall required.\n"), 'invalid-state');
  assert.equal(
    classifyZoneadmError("zoneadm: zone 'z1': shutdown operation is invalid for zones in state 'ready'\n"),
    'invalid-state',
  );
  assert.equal(classifyZoneadmError("zoneadm: zone 'z1': is already installed.\n"), 'already-installed');
  assert.equal(classifyZoneadmError("zoneadm: zone 'z1': not running\n"), 'not-running');
  assert.equal(classifyZoneadmError('zoneadm: list -p and -v are mutually exclusive.\n'), 'other');
});
