import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { seedSourceHost } from '../../src/sim/fixtures';
import { exportIscsiLu, seedKernelZone } from '../../src/sim/kernelZoneFixtures';
import { MUTATING } from './hostState';
import { kzLabState, kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';
import { run } from '../sim/sshClient';
import { failureOf } from './workflowFailure';

let rig: KzWarmRig;
before(async () => {
  rig = await kzWarmRig();
});
after(async () => rig.close());

const node = (name: string) => rig.lab.hosts[name]!;

/** Starts a migration of `zone` that preflight must refuse; returns its message and checks nothing changed. */
async function refused(zone: string): Promise<string> {
  const before = kzLabState(rig.lab);
  const mark = rig.lab.commandLog.length;
  const err = await failureOf(await rig.start(zone), 'preflight should have refused');
  assert.ok(err instanceof WorkflowFailedError);
  assert.deepEqual(
    rig.lab.commandLog.slice(mark).filter((c) => MUTATING.test(c.line)),
    [],
    'a refusal runs no command that changes a host',
  );
  assert.deepEqual(kzLabState(rig.lab), before, 'a refused migration changes nothing');
  const cause = err.cause as (Error & { cause?: Error; details?: unknown[] }) | undefined;
  return `${cause?.message ?? ''} ${cause?.cause?.message ?? ''}`;
}

test('a zone that is not a Kernel Zone is sent to coldMove', async () => {
  seedSourceHost(node('node1'), { sizeBytes: 256 * 1024, delegatedSizeBytes: 128 * 1024 });
  assert.match(await refused('www'), /zone www is brand solaris, not a kernel zone \(solaris-kz\): use coldMove/);
});

test('a zone that is neither running nor suspended is refused', async () => {
  rig.addKernelZone('kzhalted');
  assert.equal((await run(rig.lab, 'node1', 'zoneadm -z kzhalted halt')).code, 0);
  assert.match(
    await refused('kzhalted'),
    /zone kzhalted on node1 is installed: a warm migration needs it running or suspended/,
  );
});

test('every storage problem is named at once: no suspend resource, a local disk, a disk the target cannot see', async () => {
  node('node1').createDataset('rpool/kzlocal_disk', { type: 'volume', props: { volsize: String(1 << 20) } });
  rig.addKernelZone('kzstore', { suspendPath: undefined });
  node('node1')
    .zone('kzstore')!
    .config.resources.push({
      type: 'device',
      props: { storage: 'dev:zvol/dsk/rpool/kzlocal_disk', id: '1' },
    });
  // node2 stops discovering storage1's target: it no longer sees the boot LU.
  const discovery = rig.lab.fabric.discoveryOf(node('node2'));
  rig.lab.fabric.setDiscovery(node('node2'), { addresses: [], sendTargets: true });
  try {
    const message = await refused('kzstore');
    assert.match(message, /zone kzstore has no suspend resource: add one on storage both hosts share/);
    assert.match(message, /disk id 1 is on local storage \(dev:zvol\/dsk\/rpool\/kzlocal_disk\): only iSCSI, FC/);
    assert.match(
      message,
      /node2 cannot see disk id 0 \(iscsi:\/\/storage1\/luname\.naa\.[0-9A-F]{32}\): suriadm: .*no such device/,
    );
  } finally {
    rig.lab.fabric.setDiscovery(node('node2'), discovery);
  }
});

test('a suspend file off the shared mount is refused', async () => {
  rig.addKernelZone('kzsusp', { suspendPath: '/zones/kzsusp.sus' });
  assert.match(
    await refused('kzsusp'),
    /the suspend file \/zones\/kzsusp\.sus is on rpool\/zones, local to node1: put it on an NFS share both hosts mount/,
  );
});

test('a suspend share the target has not mounted is refused', async () => {
  rig.addKernelZone('kzmnt');
  const mounts = rig.lab.fabric.mounts.get('node2') ?? [];
  rig.lab.fabric.mounts.set('node2', []);
  try {
    assert.match(
      await refused('kzmnt'),
      /df -k \/mnt\/suspend` on node2|\/mnt\/suspend is storage1:\/export\/suspend on node1 but/,
    );
  } finally {
    rig.lab.fabric.mounts.set('node2', mounts);
  }
});

test('the name taken on the target, too little memory or CPU there, and another CPU are all named', async () => {
  rig.addKernelZone('kzbig', { memory: '128G', vcpus: 16 });
  node('node2').configureZone('kzbig', { props: { brand: 'solaris' }, resources: [] }, 'configured');
  const cpu = node('node2').cpu;
  node('node2').cpu = { arch: 'sparc', model: 'SPARC-T7', migrationClasses: ['migration-class1'] };
  try {
    const message = await refused('kzbig');
    assert.match(message, /node2 already has a zone named kzbig \(configured\)/);
    assert.match(message, /node2 has 64(\.0)? ?G\S* of memory free; the zone is configured for 128(\.0)? ?G/);
    assert.match(message, /node2 has 8 virtual CPUs; the zone is configured for 16/);
    assert.match(message, /its image resumes only on a SPARC-T8; node2 is a SPARC-T7/);
  } finally {
    node('node2').cpu = cpu;
    node('node2').deleteZone('kzbig');
  }
});

test('with a cpu-arch migration class the CPU models may differ', async () => {
  rig.addKernelZone('kzclass', { cpuArch: 'migration-class1' });
  const cpu = node('node2').cpu;
  node('node2').cpu = { arch: 'sparc', model: 'SPARC-T7', migrationClasses: ['migration-class1'] };
  try {
    await (await rig.start('kzclass')).result().catch((e: { cause?: Error }) => assert.fail(e.cause?.message));
    assert.equal(node('node2').zone('kzclass')?.state, 'running');
  } finally {
    node('node2').cpu = cpu;
  }
});

test('no migration class carries a guest from SPARC to x86', async () => {
  rig.addKernelZone('kzx86', { cpuArch: 'migration-class1' });
  const cpu = node('node2').cpu;
  node('node2').cpu = {
    arch: 'x86',
    model: 'x86 (GenuineIntel 306E4 family 6 model 62 step 4 clock 2600 MHz)',
    migrationClasses: [],
  };
  try {
    assert.match(
      await refused('kzx86'),
      /node1 is a SPARC-T8 and node2 a x86 \(GenuineIntel .*\): a Kernel Zone never resumes across processor families/,
    );
  } finally {
    node('node2').cpu = cpu;
  }
});

test('a device given by match= is local to the source and is refused', async () => {
  rig.addKernelZone('kzmatch');
  node('node1')
    .zone('kzmatch')!
    .config.resources.push({ type: 'device', props: { match: '/dev/rdsk/c0t1d0', id: '1' } });
  assert.match(
    await refused('kzmatch'),
    /disk id 1 is a local device \(match=\/dev\/rdsk\/c0t1d0\): only shared storage URIs can move/,
  );
});

test('a suspend resource on a local zvol is refused', async () => {
  rig.addKernelZone('kzsuri', { suspendPath: undefined, suspendUri: 'dev:zvol/dsk/rpool/kzsuri_sus' });
  assert.match(
    await refused('kzsuri'),
    /the suspend resource's storage dev:zvol\/dsk\/rpool\/kzsuri_sus is local to node1: it cannot move/,
  );
});

test("memory the target's running Kernel Zones hold is not free", async () => {
  seedKernelZone(node('node2'), {
    zone: 'kzheavy',
    bootUri: exportIscsiLu(node('storage1'), 'pool1/kzheavy_boot'),
    memory: '48G',
  });
  rig.addKernelZone('kzmid', { memory: '24G' });
  assert.match(
    await refused('kzmid'),
    /node2 has \S+ of memory free \(64(\.0)? ?G\S* installed, \S+ held by running kernel zones\); the zone is configured for 24(\.0)? ?G/,
  );
});
