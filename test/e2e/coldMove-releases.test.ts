import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { PARENT_BE_PROP, ZBE_ACTIVE_PROP } from '../../src/sim/model/bootEnvironment';
import type { ReleaseName } from '../../src/sim/model/release';
import type { SimHost } from '../../src/sim/simHost';
import { coldMoveRig } from './coldMoveHarness';

const ZBE_ROOT = 'rpool/zones/www/rpool/ROOT';

const zbeNames = (host: SimHost) =>
  host.zfs
    .children(ZBE_ROOT)
    .map((d) => d.name.slice(ZBE_ROOT.length + 1))
    .sort();

/** Why a run failed, as the operator reads it. */
async function failureOf(result: Promise<unknown>): Promise<string> {
  const err = await result.then(
    () => assert.fail('the migration should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError);
  const cause = err.cause as (Error & { cause?: Error }) | undefined;
  return `${cause?.message ?? ''} ${cause?.cause?.message ?? ''}`;
}

for (const [from, to] of [
  ['11.0', '11.0'],
  ['11.3', '11.3'],
  ['11.4', '11.4'],
  ['11.3', '11.4'],
] as [ReleaseName, ReleaseName][]) {
  test(`coldMove ${from} → ${to}: data identical, the zone's own BE attached in place, nothing cloned`, async () => {
    const rig = await coldMoveRig({ releases: [from, to] });
    try {
      const node1 = rig.lab.hosts['node1']!;
      const node2 = rig.lab.hosts['node2']!;
      const expected = node1.contentHash('rpool/zones/www');
      await (await rig.start(from === to ? {} : { attachUpdate: true })).result();
      assert.equal(node2.zone('www')?.state, 'running');
      assert.equal(node2.contentHash('rpool/zones/www'), expected);
      assert.deepEqual(zbeNames(node2), zbeNames(node1), 'no clone of the zone BE was made');
      const zbe = node2.dataset(`${ZBE_ROOT}/solaris`)!;
      assert.equal(zbe.props[PARENT_BE_PROP], node2.activeBeUuid());
      assert.equal(zbe.props[ZBE_ACTIVE_PROP], 'on');
      assert.equal(
        node2.zonepathDataset('/zones/www')?.name,
        'rpool/zones/www',
        'the zonepath dataset is mounted at the zonepath',
      );
    } finally {
      await rig.close();
    }
  });
}

for (const brand of ['ipkg', 'lipkg', 'sparse'] as const) {
  test(`coldMove OmniOS → OmniOS (${brand}): the zone BE is mounted at <zonepath>/root for the brand's attach; data identical`, async () => {
    const rig = await coldMoveRig({ releases: ['omnios', 'omnios'], ipkgBrand: brand });
    try {
      const node1 = rig.lab.hosts['node1']!;
      const node2 = rig.lab.hosts['node2']!;
      const expected = node1.contentHash('rpool/zones/www');
      await (await rig.start()).result();
      assert.equal(node2.zone('www')?.state, 'running');
      assert.equal(node2.zone('www')?.config.props['brand'], brand);
      assert.equal(node2.contentHash('rpool/zones/www'), expected);
      const zbe = node2.dataset('rpool/zones/www/ROOT/zbe')!;
      assert.equal(zbe.props[PARENT_BE_PROP], node2.activeBeUuid(), "the brand's attach tied it to node2's BE");
      assert.equal(zbe.props[ZBE_ACTIVE_PROP], 'on');
      assert.ok(
        rig.lab.commandLog.some((c) => c.host === 'node2' && /zoneadm -z www attach$/.test(c.line)),
        'attached without -z',
      );
      if (brand !== 'sparse') return;
      for (const overlay of ['svc', 'fm']) {
        const ds = node2.dataset(`rpool/zones/www/ROOT/zbe/${overlay}`);
        assert.ok(ds?.mounted, `the attach mounted the ${overlay} overlay`);
        assert.equal(ds.props['canmount'], 'noauto');
        assert.equal(ds.props['mountpoint'], undefined, 'its mountpoint is inherited again');
      }
    } finally {
      await rig.close();
    }
  });
}

test('a target older than the source is refused before anything changes', async () => {
  const rig = await coldMoveRig({ releases: ['11.4', '11.3'] });
  try {
    const message = await failureOf((await rig.start()).result());
    assert.match(message, /the target runs 11\.3, older than the source's 11\.4/);
    assert.equal(rig.lab.hosts['node2']!.zone('www'), undefined);
  } finally {
    await rig.close();
  }
});

test('a newer target needs --attach-update, and preflight says so before anything changes', async () => {
  const rig = await coldMoveRig({ releases: ['11.3', '11.4'] });
  try {
    const message = await failureOf((await rig.start()).result());
    assert.match(
      message,
      /the target runs 11\.4\.42\.111\.0, newer than the source's 11\.3: the zone's packages must be updated on attach; start it with --attach-update/,
    );
    assert.equal(rig.lab.hosts['node2']!.zone('www'), undefined);
  } finally {
    await rig.close();
  }
});

test('a zone with several BEs moves with exactly its active one attached; the others are left as they were', async () => {
  const rig = await coldMoveRig();
  try {
    const node1 = rig.lab.hosts['node1']!;
    const node2 = rig.lab.hosts['node2']!;
    // An older BE of the same global BE (after a zone update) and one from a global BE that is gone.
    node1.createDataset(`${ZBE_ROOT}/solaris-prev`, {
      props: { mountpoint: '/', canmount: 'noauto', [PARENT_BE_PROP]: node1.activeBeUuid(), [ZBE_ACTIVE_PROP]: 'off' },
    });
    const goneGlobalBe = '0b0e5d6c-0000-4000-8000-00000000dead';
    node1.createDataset(`${ZBE_ROOT}/solaris-old`, {
      props: { mountpoint: '/', canmount: 'noauto', [PARENT_BE_PROP]: goneGlobalBe, [ZBE_ACTIVE_PROP]: 'on' },
    });
    await (await rig.start()).result();
    assert.equal(node2.zone('www')?.state, 'running');
    assert.deepEqual(zbeNames(node2), ['solaris', 'solaris-old', 'solaris-prev'], 'nothing cloned');
    assert.equal(node2.dataset(`${ZBE_ROOT}/solaris`)?.props[PARENT_BE_PROP], node2.activeBeUuid());
    assert.equal(node2.dataset(`${ZBE_ROOT}/solaris-old`)?.props[PARENT_BE_PROP], goneGlobalBe);
    assert.equal(node2.dataset(`${ZBE_ROOT}/solaris-prev`)?.props[PARENT_BE_PROP], node1.activeBeUuid());
  } finally {
    await rig.close();
  }
});

test('a zone with no BE active for the running global BE is refused, listing what there is', async () => {
  const rig = await coldMoveRig();
  try {
    rig.lab.hosts['node1']!.dataset(`${ZBE_ROOT}/solaris`)!.props[ZBE_ACTIVE_PROP] = 'off';
    const message = await failureOf((await rig.start()).result());
    assert.match(
      message,
      /no zone boot environment under rpool\/zones\/www\/rpool\/ROOT is active for node1's boot environment/,
    );
    assert.match(message, /solaris \(parentbe [0-9a-f-]+, active off\)/);
  } finally {
    await rig.close();
  }
});

test('a target whose zones parent mounts elsewhere gets the zonepath dataset set and mounted at the zonepath', async () => {
  const rig = await coldMoveRig();
  try {
    const node2 = rig.lab.hosts['node2']!;
    node2.dataset('rpool/zones')!.props['mountpoint'] = '/export/zones';
    await (await rig.start()).result();
    assert.equal(node2.zone('www')?.state, 'running');
    const zonepath = node2.dataset('rpool/zones/www')!;
    assert.equal(zonepath.props['mountpoint'], '/zones/www', 'set on the zonepath dataset itself');
    assert.equal(node2.zonepathDataset('/zones/www')?.name, 'rpool/zones/www', 'and mounted there');
    assert.equal(node2.dataset(`${ZBE_ROOT}/solaris`)?.props['mountpoint'], '/', "the zone's own datasets keep theirs");
  } finally {
    await rig.close();
  }
});
