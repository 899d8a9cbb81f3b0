import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { coldMoveProgressQuery as progressQuery } from '../../src/contracts/coldMove/messages';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { labState } from './hostState';
import { failureOf } from './workflowFailure';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig();
});
after(async () => rig.close());

/**
 * One case per mutating step: the fault makes that step's command fail. Each case asserts the
 * workflow fails naming the step, the command and its stderr, and both hosts end exactly as they started.
 */
const cases: { step: string; host: string; match: RegExp; expect: RegExp[]; request?: Record<string, unknown> }[] = [
  {
    step: 'Configure zone on target',
    host: 'node2',
    match: /zonecfg -z www -f -/,
    expect: [/zonecfg -z www -f -/, /injected failure/],
  },
  {
    step: 'Pre-seed',
    host: 'node1',
    match: /zfs snapshot -r rpool\/zones\/www@zmig-[0-9a-f]+-1/,
    expect: [/zfs snapshot -r/, /injected failure/],
  },
  { step: 'Pre-seed', host: 'node2', match: /zfs receive/, expect: [/zfs receive/, /injected failure/] },
  {
    step: 'Converge',
    host: 'node1',
    match: /zfs send -rc -i @zmig-[0-9a-f]+-1 pool1\/www@zmig-[0-9a-f]+-2/,
    expect: [/zfs send -rc -i/, /injected failure/],
  },
  // zlogin's exit status is not trusted while a zone goes down: a failed `init 5` shows as a zone that never stops.
  {
    step: 'Graceful shutdown',
    host: 'node1',
    match: /zlogin www 'init 5'/,
    expect: [/did not shut down within 1 s/],
    request: { shutdown: { timeoutSeconds: 1 } },
  },
  {
    step: 'Final snapshot',
    host: 'node1',
    match: /zfs send -rc -i @zmig-[0-9a-f]+-2 rpool\/zones\/www@zmig-[0-9a-f]+-3/,
    expect: [/zfs send -rc -i/, /injected failure/],
  },
  {
    step: 'Detach source',
    host: 'node1',
    match: /zoneadm -z www detach$/,
    expect: [/zoneadm -z www detach/, /injected failure/],
  },
  {
    step: 'Attach zone on target',
    host: 'node2',
    match: /zfs mount rpool\/zones\/www$/,
    expect: [/zfs mount/, /injected failure/],
  },
  {
    step: 'Attach zone on target',
    host: 'node2',
    match: /zfs set org\.opensolaris\.libbe:parentbe=/,
    expect: [/zfs set org\.opensolaris\.libbe:parentbe/, /injected failure/],
  },
  {
    step: 'Attach zone on target',
    host: 'node2',
    match: /zoneadm -z www attach -z solaris$/,
    expect: [/zoneadm -z www attach/, /injected failure/],
  },
  {
    step: 'Boot target',
    host: 'node2',
    match: /zoneadm -z www boot$/,
    expect: [/zoneadm -z www boot/, /injected failure/],
  },
];

for (const c of cases) {
  test(`failure at "${c.step}" (${c.match.source}) rolls everything back`, async () => {
    const before = labState(rig.lab);
    const fault = rig.lab.faults.add({
      host: c.host,
      match: c.match,
      action: 'fail',
      exitCode: 1,
      stderr: `injected failure for ${c.step}`,
    });
    try {
      const handle = await rig.start(c.request);
      const err = await failureOf(handle, 'the migration should have failed');
      assert.ok(err instanceof WorkflowFailedError);
      const message = err.cause?.message ?? '';
      assert.match(message, new RegExp(`step "${c.step}`));
      for (const e of c.expect) assert.match(message, e);
      assert.match(message, /Rolled back \d+ step/);
      assert.ok(fault.hits > 0);
      assert.deepEqual(labState(rig.lab), before, 'both hosts end exactly as they started');
    } finally {
      fault.remove();
    }
  });
}

test('a step failing with megabytes of stderr is reported once, head and tail, and rolled back', async () => {
  const before = labState(rig.lab);
  // More than Temporal's 2 MB payload limit: stored whole, the failure itself could not be recorded.
  const stderr = `cannot snapshot: first line\n${'e'.repeat(3 << 20)}\nlast line`;
  const fault = rig.lab.faults.add({
    host: 'node1',
    match: /zfs snapshot -r rpool\/zones\/www@zmig-[0-9a-f]+-1/,
    action: 'fail',
    exitCode: 1,
    stderr,
  });
  try {
    const err = await failureOf(await rig.start(), 'the migration should have failed');
    assert.ok(err instanceof WorkflowFailedError);
    const message = err.cause?.message ?? '';
    assert.match(message, /cannot snapshot: first line/);
    assert.match(message, /characters of \d+ left out/);
    assert.match(message, /last line/);
    assert.ok(message.length < 10_000, `${message.length} characters`);
    assert.equal(fault.hits, 1, 'a non-retryable failure ran once');
    assert.deepEqual(labState(rig.lab), before);
  } finally {
    fault.remove();
  }
});

test('an undo that keeps failing is retried, then reported with what it left behind', async () => {
  const boot = rig.lab.faults.add({
    host: 'node2',
    match: /zoneadm -z www boot$/,
    action: 'fail',
    exitCode: 1,
    stderr: 'injected boot failure',
  });
  const undo = rig.lab.faults.add({
    host: 'node2',
    match: /zonecfg -z www delete -F/,
    action: 'fail',
    exitCode: 1,
    stderr: 'injected: configuration locked',
  });
  try {
    const handle = await rig.start();
    const err = await failureOf(handle, 'should fail');
    assert.ok(err instanceof WorkflowFailedError);
    const cause = err.cause as ApplicationFailure;
    assert.equal(cause.type, 'UndoIncomplete');
    assert.match(cause.message, /step "Boot target zone/);
    assert.match(
      cause.message,
      /UNDO INCOMPLETE, left as is: delete zone configuration www on node2 \(.*injected: configuration locked\)/,
    );
    assert.ok(undo.hits > 1, 'the undo was retried');
    const progress = await handle.query(progressQuery);
    assert.equal(progress.phase, 'failed');
    assert.deepEqual(
      progress.undo.filter((u) => u.status === 'failed').map((u) => u.description),
      ['delete zone configuration www on node2'],
    );
    assert.equal(
      rig.lab.hosts['node1']!.zone('www')?.state,
      'running',
      'every other undo still ran: the source is back',
    );
    assert.equal(
      rig.lab.hosts['node2']!.zone('www')?.state,
      'configured',
      'the config the undo could not delete is still there, as reported',
    );
  } finally {
    boot.remove();
    undo.remove();
  }
});
