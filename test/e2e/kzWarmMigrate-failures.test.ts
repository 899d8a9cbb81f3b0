import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { progressQuery } from '../../src/contracts/messages';
import { kzLabState, kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';
import { waitFor } from './waitFor';
import { failureOf } from './workflowFailure';

let rig: KzWarmRig;
before(async () => {
  rig = await kzWarmRig();
  rig.addKernelZone('kzf');
});
after(async () => rig.close());

/** One case per mutating step: its command fails, the run fails naming it, and every host ends as it started. */
const cases: { step: string; host: string; match: RegExp }[] = [
  { step: 'Copy zone configuration and key to target', host: 'node2', match: /zonecfg -z kzf -f -$/ },
  { step: 'Suspend zone on source', host: 'node1', match: /zoneadm -z kzf suspend$/ },
  { step: 'Detach source zone', host: 'node1', match: /zoneadm -z kzf detach$/ },
  { step: 'Attach zone on target', host: 'node2', match: /zoneadm -z kzf attach$/ },
  { step: 'Boot target zone', host: 'node2', match: /zoneadm -z kzf boot$/ },
];

for (const c of cases) {
  test(`failure at ${c.match.source} on ${c.host} rolls everything back`, async () => {
    const before = kzLabState(rig.lab);
    const bootId = rig.lab.hosts['node1']!.zone('kzf')!.guest!.bootId;
    const fault = rig.lab.faults.add({
      host: c.host,
      match: c.match,
      action: 'fail',
      exitCode: 1,
      stderr: `injected failure at ${c.step}`,
    });
    try {
      const handle = await rig.start('kzf');
      const err = await failureOf(handle, 'the migration should have failed');
      assert.ok(err instanceof WorkflowFailedError);
      const message = err.cause?.message ?? '';
      assert.match(message, new RegExp(`step "${c.step}`));
      assert.match(message, /injected failure/);
      assert.match(message, /Rolled back \d+ step/);
      assert.ok(fault.hits > 0);
      assert.equal((await handle.query(progressQuery)).phase, 'rolled-back');
      assert.deepEqual(kzLabState(rig.lab), before, 'every host ends exactly as it started');
      assert.equal(rig.lab.hosts['node1']!.zone('kzf')!.guest!.bootId, bootId, 'the source guest was resumed');
    } finally {
      fault.remove();
    }
  });
}

/** Runs a migration of kzf, doing `meanwhile` while node1's detach runs (slowed), and returns its failure. */
async function failWhileDetaching(meanwhile: () => void): Promise<string> {
  rig.lab.timings.detachMs = 1500;
  try {
    const handle = await rig.start('kzf');
    await waitFor('the source detach', () =>
      rig.lab.commandLog.some((c) => c.running && c.host === 'node1' && /zoneadm -z kzf detach$/.test(c.line)),
    );
    meanwhile();
    const err = await failureOf(handle);
    assert.ok(err instanceof WorkflowFailedError);
    assert.equal((await handle.query(progressQuery)).phase, 'rolled-back');
    return err.cause?.message ?? '';
  } finally {
    rig.lab.timings.detachMs = 5;
  }
}

test('a target that cannot read the suspend image is caught at attach: no fresh boot, the source resumes', async () => {
  const before = kzLabState(rig.lab);
  const bootId = rig.lab.hosts['node1']!.zone('kzf')!.guest!.bootId;
  const mounts = rig.lab.fabric.mounts.get('node2') ?? [];
  const mark = rig.lab.commandLog.length;
  const message = await failWhileDetaching(() => rig.lab.fabric.mounts.set('node2', []));
  rig.lab.fabric.mounts.set('node2', mounts);
  assert.match(message, /step "Attach zone on target/);
  assert.match(message, /attached on node2 without the auxiliary state suspended: node2 cannot read its suspend image/);
  assert.equal(
    rig.lab.commandLog.slice(mark).some((c) => c.host === 'node2' && /zoneadm -z kzf boot/.test(c.line)),
    false,
    'never booted on the target',
  );
  assert.deepEqual(kzLabState(rig.lab), before);
  assert.equal(rig.lab.hosts['node1']!.zone('kzf')!.guest!.bootId, bootId, 'the guest kept its memory');
});

test('a key the target cannot open its host data with fails with the real text and what to do, and rolls back', async () => {
  const before = kzLabState(rig.lab);
  const message = await failWhileDetaching(() => rig.lab.hosts['node2']!.kzKeys.set('kzf', '0'.repeat(32)));
  assert.match(message, /Encryption key is incorrect/);
  assert.match(message, /zmig never re-initializes host data, which would throw away the suspended memory image/);
  assert.equal(
    rig.lab.commandLog.some((c) => /initialize-hostdata/.test(c.line)),
    false,
    'host data was never re-initialized',
  );
  assert.deepEqual(kzLabState(rig.lab), before);
});

test('when the target cannot be detached again, the source is not taken over: the run stops and says so', async () => {
  const boot = rig.lab.faults.add({ host: 'node2', match: /zoneadm -z kzf boot$/, action: 'fail', exitCode: 1 });
  const detach = rig.lab.faults.add({
    host: 'node2',
    match: /zoneadm -z kzf detach$/,
    action: 'fail',
    exitCode: 1,
    stderr: 'injected: detach refused',
  });
  try {
    const handle = await rig.start('kzf');
    const err = await failureOf(handle, 'should fail');
    assert.ok(err instanceof WorkflowFailedError);
    const cause = err.cause as ApplicationFailure;
    assert.equal(cause.type, 'UndoIncomplete');
    assert.match(cause.message, /detach zone kzf on node2 \(.*injected: detach refused/);
    assert.match(cause.message, /attach zone kzf on node1 again \(.*not forcing a takeover/);
    assert.match(cause.message, /zone kzf on node2 is installed, not configured: its configuration is left in place/);
    assert.equal(
      rig.lab.commandLog.some((c) => c.host === 'node1' && /force-takeover/.test(c.line)),
      false,
      'no takeover was tried',
    );
    assert.equal(rig.lab.hosts['node2']!.zone('kzf')?.state, 'installed', 'the target still holds the zone');
  } finally {
    boot.remove();
    detach.remove();
  }
});
