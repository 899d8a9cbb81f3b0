import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dfK,
  isNfsFilesystem,
  isSharedStorageUri,
  kernelZoneDevices,
  kernelZoneMemoryBytes,
  kernelZoneVirtualCpus,
  parseDfK,
  parsePrtconfMemoryBytes,
  parsePsrinfoCount,
  parsePsrinfoImplementation,
  processorFamily,
  parseZoneadmListAuxiliary,
  parseZonecfgInfo,
  suriadmLookupMapping,
  suspendResource,
} from '../../src/solaris';

test('zoneadm list -s: ragged columns as Oracle prints them, auxiliary states per zone', () => {
  // "Working With Kernel Zone Auxiliary States" (Creating and Using Oracle Solaris Kernel Zones).
  const out =
    'NAME             STATUS           AUXILIARY STATE\nglobal          running\nkzone1          installed          suspended\nkzone3          running            debugging\n';
  assert.deepEqual(parseZoneadmListAuxiliary(out), [
    { name: 'global', state: 'running', auxiliary: [] },
    { name: 'kzone1', state: 'installed', auxiliary: ['suspended'] },
    { name: 'kzone3', state: 'running', auxiliary: ['debugging'] },
  ]);
});

test('a Kernel Zone config: its disks, suspend resource, memory and CPUs', () => {
  const info = parseZonecfgInfo(
    [
      'zonename: ant1',
      'brand: solaris-kz',
      'device:',
      '\tmatch not specified',
      '\tstorage: iscsi://storage1/luname.naa.600144f068d1cd00000053ecd3d20001',
      '\tid: 1',
      '\tbootpri: 0',
      'capped-memory:',
      '\tphysical: 4G',
      'virtual-cpu:',
      '\tncpus: 2',
      'suspend:',
      '\tpath: /mnt/suspend/ant1.sus',
      '\tstorage not specified',
      '',
    ].join('\n'),
  );
  assert.deepEqual(kernelZoneDevices(info), [
    { id: '1', storage: 'iscsi://storage1/luname.naa.600144f068d1cd00000053ecd3d20001', bootpri: '0' },
  ]);
  assert.deepEqual(suspendResource(info), { path: '/mnt/suspend/ant1.sus' });
  assert.equal(kernelZoneMemoryBytes(info), 4 * 1024 ** 3);
  assert.equal(kernelZoneVirtualCpus(info), 2);
});

test('storage URIs: iSCSI, FC LUs and NFS are shared; dev: and file: are the host own', () => {
  assert.equal(isSharedStorageUri('iscsi://storage1/luname.naa.600144f068d1cd00000053ecd3d20001'), true);
  assert.equal(isSharedStorageUri('iscsi:///luname.naa.600144f068d1cd00000053ecd3d20001'), true);
  assert.equal(isSharedStorageUri('lu:luname.naa.600144f068d1cd00000053ecd3d20001'), true);
  assert.equal(isSharedStorageUri('nfs://root:root@storage1/export/kz/disk0'), true);
  assert.equal(isSharedStorageUri('dev:/dev/zvol/dsk/rpool/VARSHARE/zones/kz1/disk0'), false);
  assert.equal(isSharedStorageUri('file:///export/kz1.img'), false);
  assert.deepEqual(suriadmLookupMapping('iscsi://storage1/luname.naa.600144f068d1cd00000053ecd3d20001'), [
    'suriadm',
    'lookup-mapping',
    'iscsi://storage1/luname.naa.600144f068d1cd00000053ecd3d20001',
  ]);
  assert.throws(() => suriadmLookupMapping('iscsi://x/$(reboot)'), /invalid storage URI/);
});

test('df -k: NFS and ZFS file systems, a long name wrapped onto its own line', () => {
  const out = [
    'Filesystem           1024-blocks        Used   Available Capacity  Mounted on',
    'storage1:/export/suspend',
    '                      103809024     1048576   102760448     2%    /mnt/suspend',
    '',
  ].join('\n');
  assert.deepEqual(parseDfK(out), [{ filesystem: 'storage1:/export/suspend', mountedOn: '/mnt/suspend' }]);
  const local = 'Filesystem 1024-blocks Used Available Capacity Mounted on\nrpool/export 1000 10 990 1% /export\n';
  assert.deepEqual(parseDfK(local), [{ filesystem: 'rpool/export', mountedOn: '/export' }]);
  assert.equal(isNfsFilesystem('storage1:/export/suspend'), true);
  assert.equal(isNfsFilesystem('rpool/export'), false);
  assert.throws(() => dfK('relative/path'), /invalid path/);
  assert.throws(() => parseDfK('Filesystem kbytes used avail capacity Mounted on\n'), /no file system/);
});

test('prtconf -m and psrinfo: memory in megabytes, one line per virtual CPU', () => {
  assert.equal(parsePrtconfMemoryBytes('65536\n'), 65536 * 1024 * 1024);
  assert.throws(() => parsePrtconfMemoryBytes('no memory\n'), /megabytes/);
  assert.equal(
    parsePsrinfoCount(
      '0\ton-line   since 11/22/2026 08:00:00\n1\ton-line   since 11/22/2026 08:00:00\n2\toff-line  since 11/22/2026 08:00:00\n3\tfaulted   since 11/22/2026 08:00:00\n',
    ),
    2,
    'only on-line CPUs count',
  );
});

test('psrinfo -pv: the processor implementation without chip id and clock', () => {
  const sparc =
    'The physical processor has 16 cores and 128 virtual processors (0-127)\n' +
    '  The core has 8 virtual processors (0-7)\n' +
    '    SPARC-T5 (chipid 0, clock 3600 MHz)\n';
  assert.equal(parsePsrinfoImplementation(sparc), 'SPARC-T5');
  const x86 =
    'The physical processor has 8 virtual processors (0-7)\n' +
    '  x86 (GenuineIntel 306E4 family 6 model 62 step 4 clock 2600 MHz)\n' +
    '\tIntel(r) Xeon(r) CPU E5-2650 v2 @ 2.60GHz\n';
  assert.equal(parsePsrinfoImplementation(x86), 'x86 (GenuineIntel 306E4 family 6 model 62 step 4)');
  assert.deepEqual([processorFamily('SPARC-T5'), processorFamily(parsePsrinfoImplementation(x86))], ['sparc', 'x86']);
  assert.throws(
    () => parsePsrinfoImplementation('The physical processor has 8 virtual processors (0-7)\n'),
    /implementation/,
  );
});
