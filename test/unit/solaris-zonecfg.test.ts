import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  datasetResources,
  findZoneMarker,
  fixBootargsQuoting,
  ParseError,
  parseZonecfgExport,
  parseZonecfgInfo,
  missingFromConfig,
  renderZonecfgExport,
  bootLinks,
  zoneMarkerAttr,
  zonecfgDelete,
  zonecfgExport,
  zonecfgImport,
  zonecfgInfo,
  zonecfgRun,
  zonecfgSet,
} from '../../src/solaris/index';

const kzExport = `create -b
set brand=solaris-kz
set autoboot=false
set autoshutdown=shutdown
set hostid=0x2e7d2173
add anet
set lower-link=auto
set configure-allowed-address=true
set link-protection=mac-nospoof
set mac-address=auto
set iov=off
set lro=auto
set id=0
end
add device
set storage=dev:/dev/zvol/dsk/rpool/VARSHARE/zones/kzone1/disk0
set id=0
set bootpri=0
end
add capped-memory
set physical=4G
end
add suspend
set storage=iscsi://system/luname.naa.501337600144f0dbf8af1900
end
add keysource
set raw=0a1b2c3d4e5f60718293a4b5c6d7e8f9
end
`;

// A native zone as the cold-move write-up describes it (docs/procedures.md#coldmove): VNICs on net resources, a delegated dataset,
// an rctl with a nested value and the bootargs that 11.1 exported without quotes.
const nativeExport = `create -b
set zonepath=/zones/www
set brand=solaris
set autoboot=true
set bootargs="-m verbose"
set limitpriv=default,proc_priocntl
set ip-type=exclusive
add net
set physical=www0
set allowed-address=192.168.31.20/24
set defrouter=192.168.31.1
end
add net
set physical=www1
end
add anet
set linkname=net0
set lower-link=auto
end
add dataset
set name=pool1/www/pool1
set alias=pool1
end
add fs
set dir=/data
set special=/export/data
set type=lofs
add options ro
add options nodevices
end
add rctl
set name=zone.max-swap
add value (priv=privileged,limit=1073741824,action=deny)
end
`;

test('zonecfg builders', () => {
  assert.deepEqual(zonecfgExport('www'), ['zonecfg', '-z', 'www', 'export']);
  assert.deepEqual(zonecfgImport('www'), ['zonecfg', '-z', 'www', '-f', '-']);
  assert.deepEqual(zonecfgSet('www', 'autoboot', 'false'), ['zonecfg', '-z', 'www', 'set', 'autoboot=false']);
  assert.deepEqual(zonecfgSet('www', 'bootargs', '-m verbose'), [
    'zonecfg',
    '-z',
    'www',
    'set',
    'bootargs="-m verbose"',
  ]);
  assert.throws(() => zonecfgSet('www', 'bootargs', 'a"b'), /double quote/);
  assert.deepEqual(zonecfgRun('kz', ['add device', 'set storage=dev:/dev/zvol/dsk/rpool/d1', 'end']), [
    'zonecfg',
    '-z',
    'kz',
    'add device; set storage=dev:/dev/zvol/dsk/rpool/d1; end',
  ]);
  assert.deepEqual(zonecfgDelete('www'), ['zonecfg', '-z', 'www', 'delete', '-F']);
  assert.deepEqual(zonecfgInfo('www'), ['zonecfg', '-z', 'www', 'info']);
  assert.deepEqual(zonecfgInfo('www', 'zonepath'), ['zonecfg', '-z', 'www', 'info', 'zonepath']);
});

test('parseZonecfgExport reads the kernel-zone example and renders it back byte for byte', () => {
  const cfg = parseZonecfgExport(kzExport);
  assert.deepEqual(cfg.globals, {
    brand: 'solaris-kz',
    autoboot: 'false',
    autoshutdown: 'shutdown',
    hostid: '0x2e7d2173',
  });
  assert.deepEqual(
    cfg.resources.map((r) => r.type),
    ['anet', 'device', 'capped-memory', 'suspend', 'keysource'],
  );
  assert.deepEqual(cfg.resources[1], {
    type: 'device',
    props: { storage: 'dev:/dev/zvol/dsk/rpool/VARSHARE/zones/kzone1/disk0', id: '0', bootpri: '0' },
  });
  assert.equal(renderZonecfgExport(cfg), kzExport);
});

test('parseZonecfgExport reads quoted values, lists and nested adds, and round-trips them', () => {
  const cfg = parseZonecfgExport(nativeExport);
  assert.equal(cfg.globals.bootargs, '-m verbose');
  assert.equal(cfg.globals.limitpriv, 'default,proc_priocntl');
  assert.deepEqual(cfg.resources[0]?.props, {
    physical: 'www0',
    'allowed-address': '192.168.31.20/24',
    defrouter: '192.168.31.1',
  });
  assert.deepEqual(cfg.resources[4], {
    type: 'fs',
    props: { dir: '/data', special: '/export/data', type: 'lofs' },
    listProps: { options: ['ro', 'nodevices'] },
  });
  assert.deepEqual(cfg.resources[5]?.listProps, { value: ['(priv=privileged,limit=1073741824,action=deny)'] });
  assert.equal(renderZonecfgExport(cfg), nativeExport);
});

test('datasetResources and bootLinks (net physical, anet lower-link but not auto, none for shared-IP)', () => {
  const cfg = parseZonecfgExport(nativeExport);
  assert.deepEqual(datasetResources(cfg), ['pool1/www/pool1']);
  assert.deepEqual(bootLinks(cfg), [
    { link: 'www0', usedBy: 'net physical' },
    { link: 'www1', usedBy: 'net physical' },
  ]);
  cfg.resources.push({ type: 'anet', props: { linkname: 'net1', 'lower-link': 'aggr0' } });
  assert.deepEqual(bootLinks(cfg).at(-1), { link: 'aggr0', usedBy: 'anet net1 lower-link' });
  assert.deepEqual(bootLinks({ ...cfg, globals: { ...cfg.globals, 'ip-type': 'shared' } }), []);
  assert.deepEqual(bootLinks(parseZonecfgExport(kzExport)), []);
});

test('fixBootargsQuoting quotes the 11.1 unquoted bootargs and leaves quoted ones alone', () => {
  const broken = 'create -b\nset zonepath=/zones/www\nset bootargs=-m verbose\nset autoboot=true\n';
  const fixed = fixBootargsQuoting(broken);
  assert.equal(fixed, 'create -b\nset zonepath=/zones/www\nset bootargs="-m verbose"\nset autoboot=true\n');
  assert.equal(fixBootargsQuoting(fixed), fixed);
  assert.equal(fixBootargsQuoting('set bootargs=-s\r\n'), 'set bootargs="-s"\r\n');
  assert.equal(fixBootargsQuoting(kzExport), kzExport);
  assert.equal(parseZonecfgExport(fixed).globals.bootargs, '-m verbose');
});

test('the zmig marker attr comes right after create -b, before anything that could fail, and is found again', () => {
  const cfg = parseZonecfgExport(kzExport);
  assert.equal(findZoneMarker(cfg), undefined);
  const text = renderZonecfgExport(cfg, [zoneMarkerAttr('mig-42')]);
  assert.match(
    text,
    /^create -b\nadd attr\nset name=zmig-migration\nset type=string\nset value=mig-42\nend\nset brand=/,
  );
  assert.equal(findZoneMarker(parseZonecfgExport(text)), 'mig-42');
});

test('missingFromConfig names what a partially committed config lacks, and ignores what the host adds', () => {
  const intended = parseZonecfgExport(nativeExport);
  const complete = parseZonecfgExport(nativeExport);
  complete.globals['file-mac-profile'] = 'none';
  complete.resources.unshift(zoneMarkerAttr('mig-42'));
  assert.deepEqual(missingFromConfig(intended, complete), []);

  const partial = parseZonecfgExport(nativeExport);
  const dropped = partial.resources.pop()!;
  partial.globals['autoboot'] = 'false';
  const missing = missingFromConfig(intended, partial);
  assert.equal(missing.length, 2, missing.join('; '));
  assert.match(missing[0]!, /^autoboot=true \(is false\)$/);
  assert.match(missing[1]!, new RegExp(`^${dropped.type} resource `));

  // An anet's configure-allowed-address is printed from the net table by 11.0's export: not compared.
  const withAnet = {
    globals: {},
    resources: [{ type: 'anet', props: { linkname: 'net0', 'configure-allowed-address': 'true' } }],
  };
  const exported = {
    globals: {},
    resources: [{ type: 'anet', props: { linkname: 'net0', 'configure-allowed-address': 'false' } }],
  };
  assert.deepEqual(missingFromConfig(withAnet, exported), []);
});

test('renderZonecfgExport quotes special characters, omits empty values, refuses quotes and newlines', () => {
  const text = renderZonecfgExport({
    globals: { zonepath: '/zones/a b', bootargs: '', comment: 'x;reboot', weird: 'a=b' },
    resources: [{ type: 'attr', props: { value: '(x=y,z=w)', list: '[a,b]', odd: '[a b]' } }],
  });
  assert.equal(
    text,
    'create -b\nset zonepath="/zones/a b"\nset comment="x;reboot"\nset weird="a=b"\nadd attr\nset value=(x=y,z=w)\nset list=[a,b]\nset odd="[a b]"\nend\n',
  );
  assert.throws(() => renderZonecfgExport({ globals: { bootargs: 'say "hi"' }, resources: [] }), /double quote/);
  assert.throws(
    () => renderZonecfgExport({ globals: {}, resources: [{ type: 'attr', props: { value: 'a\nadd fs' } }] }),
    /control character/,
  );
  assert.throws(() => renderZonecfgExport({ globals: { 'a b': 'x' }, resources: [] }), /invalid zonecfg property/);
});

test('parseZonecfgExport throws ParseError on garbage', () => {
  for (const [text, line] of [
    ['create -b\nadd net\nset physical=www0\n', 'add net'],
    ['create -b\nend\n', 'end'],
    ['create -b\nremove net\n', 'remove net'],
    ['create -b\nset zonepath="/zones/www\n', 'set zonepath="/zones/www'],
    ['create -b\nset zonepath\n', 'set zonepath'],
    ['create -t SYSdefault\n', 'create -t SYSdefault'],
  ] as const) {
    assert.throws(
      () => parseZonecfgExport(text),
      (err: unknown) => err instanceof ParseError && err.command === 'zonecfg export' && err.line === line,
      text,
    );
  }
});

test('parseZonecfgInfo reads the kernel-zone info with tab-indented resources', () => {
  const info = [
    'zonename: kzone1',
    'brand: solaris-kz',
    'autoboot: false',
    'autoshutdown: shutdown',
    'bootargs:',
    'pool:',
    'scheduling-class:',
    'hostid: 0x2e7d2173',
    'tenant:',
    'anet:',
    '\tlower-link: auto',
    '\tallowed-address not specified',
    '\tconfigure-allowed-address: true',
    '\tiov: off',
    '\tlro: auto',
    '\tid: 0',
    'device:',
    '        match not specified',
    '        storage: dev:/dev/zvol/dsk/rpool/VARSHARE/zones/kzone1/disk0',
    '        id: 0',
    '        bootpri: 0',
    'capped-memory:',
    '\tphysical: 4G',
    '',
  ].join('\n');
  const cfg = parseZonecfgInfo(info);
  assert.deepEqual(cfg.globals, {
    zonename: 'kzone1',
    brand: 'solaris-kz',
    autoboot: 'false',
    autoshutdown: 'shutdown',
    bootargs: '',
    pool: '',
    'scheduling-class': '',
    hostid: '0x2e7d2173',
    tenant: '',
  });
  assert.deepEqual(cfg.resources, [
    {
      type: 'anet',
      props: { 'lower-link': 'auto', 'configure-allowed-address': 'true', iov: 'off', lro: 'auto', id: '0' },
    },
    {
      type: 'device',
      props: { storage: 'dev:/dev/zvol/dsk/rpool/VARSHARE/zones/kzone1/disk0', id: '0', bootpri: '0' },
    },
    { type: 'capped-memory', props: { physical: '4G' } },
  ]);
});

test('parseZonecfgInfo reads single-item queries, alias lines and repeated values', () => {
  assert.deepEqual(parseZonecfgInfo('zonepath: /system/zones/zone1\n'), {
    globals: { zonepath: '/system/zones/zone1' },
    resources: [],
  });
  assert.deepEqual(parseZonecfgInfo('suspend:\n\tstorage: iscsi://host/luname.naa.600144f0\n'), {
    globals: {},
    resources: [{ type: 'suspend', props: { storage: 'iscsi://host/luname.naa.600144f0' } }],
  });
  const cfg = parseZonecfgInfo(
    '[max-swap: 2G]\nrctl:\n\tname: zone.max-swap\n\tvalue: (priv=privileged,limit=2147483648,action=deny)\n\tvalue: (priv=basic,limit=1,action=none)\ncapped-memory:\n\tphysical: 1G\n\t[swap: 2G]\n',
  );
  assert.deepEqual(cfg.globals, { 'max-swap': '2G' });
  assert.deepEqual(cfg.resources, [
    {
      type: 'rctl',
      props: { name: 'zone.max-swap' },
      listProps: { value: ['(priv=privileged,limit=2147483648,action=deny)', '(priv=basic,limit=1,action=none)'] },
    },
    { type: 'capped-memory', props: { physical: '1G', swap: '2G' } },
  ]);
});

test('parseZonecfgInfo throws ParseError on garbage', () => {
  assert.throws(
    () => parseZonecfgInfo('zonename: z\nthis is not info\n'),
    (err: unknown) => err instanceof ParseError && err.command === 'zonecfg info' && err.line === 'this is not info',
  );
  assert.throws(() => parseZonecfgInfo('\tid: 0\n'), ParseError);
});

test('hostile exports: a rename, a foreign global, control characters and an oversized text are ParseErrors', () => {
  const base = 'create -b\nset zonepath=/zones/www\nset brand=solaris\n';
  for (const [text, reason] of [
    [`${base}set zonename=victim\n`, /global property "zonename" is not one zmig copies/],
    [`${base}set shell=/bin/sh\n`, /global property "shell" is not one zmig copies/],
    [`${base}add attr\nset name=a\nset type=string\nset value=x\ry\nend\n`, /control character/],
    [`${base}add attr\nset name=a\nset type=string\nset value=x\u0000y\nend\n`, /control character/],
    [`${base}set bootargs=\u001b[2J\n`, /control character/],
    [`${base}${'add attr\nset name=a\nset type=string\nset value=x\nend\n'.repeat(30_000)}`, /more than 1 MiB/],
  ] as const) {
    assert.throws(
      () => parseZonecfgExport(text),
      (err: unknown) => err instanceof ParseError && reason.test(err.message),
    );
  }
});

test('fixBootargsQuoting is linear: long runs of spaces, tabs, quotes and line breaks, results asserted', () => {
  const spaces = ' '.repeat(200_000);
  assert.equal(fixBootargsQuoting(`set bootargs=${spaces}x`), `set bootargs="${spaces}x"`);
  assert.equal(fixBootargsQuoting(`set bootargs=-m verbose${spaces}`), `set bootargs="-m verbose"${spaces}`);
  assert.equal(fixBootargsQuoting(`\tset\tbootargs=a\t\r\nset pool=p`), `\tset\tbootargs="a"\t\r\nset pool=p`);
  assert.equal(fixBootargsQuoting(`set bootargs="-s"${spaces}`), `set bootargs="-s"${spaces}`);
  assert.equal(fixBootargsQuoting(`set bootargs=${'"'.repeat(50_000)}`), `set bootargs=${'"'.repeat(50_000)}`);
  const many = `set bootargs=${spaces}\n`.repeat(5);
  assert.equal(fixBootargsQuoting(many).split('\n').length, 6);
});
