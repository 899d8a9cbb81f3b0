import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { BE_ROOT, BE_UUID_PROP } from '../../src/sim/model/bootEnvironment';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { labState } from './hostState';

/** Starts a coldMove that preflight must refuse; returns its message and checks nothing changed. */
async function refused(prepare: (rig: ColdMoveRig) => void): Promise<string> {
  const rig = await coldMoveRig();
  try {
    prepare(rig);
    const before = labState(rig.lab);
    const err = await (await rig.start()).result().then(() => assert.fail('preflight should have refused'), (e: unknown) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.deepEqual(labState(rig.lab), before, 'a refused migration changes nothing');
    const cause = err.cause as (Error & { cause?: Error }) | undefined;
    return `${cause?.message ?? ''} ${cause?.cause?.message ?? ''}`;
  } finally {
    await rig.close();
  }
}

test('a net physical link missing on the target is named before anything changes', async () => {
  const message = await refused((rig) => {
    rig.lab.hosts['node2']!.vnics = [];
  });
  assert.match(message, /datalink www0 \(net physical\) missing on node2, the zone could not boot there: dladm: link www0 is not valid: object not found/);
});

test('an anet lower-link is checked (auto is not); a NIC or aggregation satisfies it', async () => {
  const message = await refused((rig) => {
    const zone = rig.lab.hosts['node1']!.zone('www')!;
    zone.config.resources.push({ type: 'anet', props: { linkname: 'net1', 'lower-link': 'aggr0' } });
    zone.config.resources.push({ type: 'anet', props: { linkname: 'net2', 'lower-link': 'auto' } });
  });
  assert.match(message, /datalink aggr0 \(anet net1 lower-link\) missing on node2/);
  assert.doesNotMatch(message, /auto/);
});

test('an anet whose lower-link is an aggregation on the target moves', async () => {
  const rig = await coldMoveRig();
  try {
    rig.lab.hosts['node1']!.aggregations.push('aggr0');
    rig.lab.hosts['node2']!.aggregations.push('aggr0');
    rig.lab.hosts['node1']!.zone('www')!.config.resources.push({ type: 'anet', props: { linkname: 'net1', 'lower-link': 'aggr0' } });
    await (await rig.start()).result();
    assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
  } finally {
    await rig.close();
  }
});

test('a target whose running boot environment has no UUID is refused with the reason', async () => {
  const message = await refused((rig) => {
    const node2 = rig.lab.hosts['node2']!;
    delete node2.dataset(`${BE_ROOT}/${node2.activeBe}`)!.props[BE_UUID_PROP];
  });
  assert.match(message, /node2's boot environment solaris has no UUID in `beadm list -H`/);
});

test('a host whose uname -v names an OS coldMove does not know is refused, naming it', async () => {
  const message = await refused((rig) => {
    const node2 = rig.lab.hosts['node2']!;
    // A release string zmig has no rule for (another illumos distribution's build tag, say).
    Object.assign(node2, { release: { ...node2.release, version: 'm34' } });
  });
  assert.match(message, /node2 runs "m34" \(uname -v\): coldMove knows Solaris 11 and OmniOS releases only/);
});
