import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { BE_ROOT, BE_UUID_PROP, PARENT_BE_PROP, ZBE_ACTIVE_PROP } from '../../src/sim/model/bootEnvironment';
import type { ColdMovePlanResult } from '../../src/contracts/coldMove/plan';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { labState } from './hostState';
import { run } from '../sim/sshClient';
import { failureOf } from './workflowFailure';

/** Starts a coldMove that preflight must refuse; returns its message and checks nothing changed. */
async function refused(prepare: (rig: ColdMoveRig) => void): Promise<string> {
  const rig = await coldMoveRig();
  try {
    prepare(rig);
    const before = labState(rig.lab);
    const err = await failureOf(await rig.start(), 'preflight should have refused');
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
  assert.match(
    message,
    /datalink www0 \(net physical\) missing on node2, the zone could not boot there: dladm: link www0 is not valid: object not found/,
  );
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
    rig.lab.hosts['node1']!.zone('www')!.config.resources.push({
      type: 'anet',
      props: { linkname: 'net1', 'lower-link': 'aggr0' },
    });
    await (await rig.start()).result();
    assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
  } finally {
    await rig.close();
  }
});

test('two zone boot environments active for the running BE: refused, both listed (the brand could not choose either)', async () => {
  const message = await refused((rig) => {
    const node1 = rig.lab.hosts['node1']!;
    node1.createDataset('rpool/zones/www/rpool/ROOT/solaris-1', {
      props: { mountpoint: '/', canmount: 'noauto', [PARENT_BE_PROP]: node1.activeBeUuid(), [ZBE_ACTIVE_PROP]: 'on' },
    });
  });
  assert.match(
    message,
    /more than one zone boot environment under rpool\/zones\/www\/rpool\/ROOT is active for node1's boot environment/,
  );
  assert.match(
    message,
    /solaris \(parentbe [0-9a-f-]{36}, active on\), solaris-1 \(parentbe [0-9a-f-]{36}, active on\)/,
  );
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

test('a shared-IP zone whose interface the target lacks: preflight warns (it would boot without its address), and plans go on', async () => {
  const rig = await coldMoveRig();
  try {
    const zone = rig.lab.hosts['node1']!.zone('www')!;
    zone.config.props['ip-type'] = 'shared';
    zone.config.resources = zone.config.resources.filter((r) => r.type !== 'net');
    zone.config.resources.push({ type: 'net', props: { physical: 'e1000g7', address: '192.0.2.9/24' } });
    zone.config.resources.push({ type: 'net', props: { physical: 'www0', address: '192.0.2.10/24' } });
    const { plan } = (await rig.client.workflow.execute('planColdMove', {
      taskQueue: rig.taskQueue,
      workflowId: 'plan/node1/www/shared-ip',
      args: [{ zone: 'www', source: 'node1', target: 'node2' }],
    })) as ColdMovePlanResult;
    assert.ok(
      plan.checks.some((c) =>
        /^WARNING: shared-IP interface e1000g7 not found on node2: the zone would boot without its address 192\.0\.2\.9\/24 \(dladm: link e1000g7 is not valid: object not found\)$/.test(
          c,
        ),
      ),
      plan.checks.join('\n'),
    );
    assert.ok(plan.checks.includes('shared-IP interface www0 present on node2'), plan.checks.join('\n'));
  } finally {
    await rig.close();
  }
});

test("an operator's recursive snapshot of the zone (a backup) does not stop the move, and is left as it was", async () => {
  const rig = await coldMoveRig();
  try {
    const node1 = rig.lab.hosts['node1']!;
    assert.equal((await run(rig.lab, 'node1', 'zfs snapshot -r rpool/zones/www@backup')).code, 0);
    await (await rig.start({ sourcePolicy: 'keep-detached' })).result();
    assert.equal(rig.lab.hosts['node2']!.zone('www')?.state, 'running');
    assert.ok(node1.zfs.snapshot('rpool/zones/www/rpool/ROOT@backup'), "the operator's snapshot is untouched");
  } finally {
    await rig.close();
  }
});
