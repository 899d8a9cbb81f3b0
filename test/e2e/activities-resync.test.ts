import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityCancellationDetails, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { roundOf } from '../../src/activities/zfs/roundDiff';
import type { CommonRounds } from '../../src/activities/zfs/commonRound';
import type { ResyncHeartbeat, ResyncResult } from '../../src/activities/zfs/resyncUntilCancelled';
import { snapshotPrefix } from '../../src/contracts/migrationNaming';
import type { Lab } from '../../src/sim/lab';
import type { SimHost } from '../../src/sim/simHost';
import { run } from '../sim/sshClient';
import { migrationId, preSeeded, sendRound, snap, type Rig } from './preSeededLab';
import { MUTATING } from './hostState';
import { waitFor } from './waitFor';

const prefix = snapshotPrefix(migrationId);
const ZBE = 'rpool/zones/www/rpool/ROOT/solaris';
const HOME = 'rpool/zones/www/rpool/export/home';

/** Every snapshot name of every dataset of a tree, by dataset. */
function snapshotsOf(host: SimHost, top: string): Map<string, string[]> {
  return new Map(host.zfs.tree(top).map((d) => [d.name, d.snapshots.map((s) => s.name)]));
}

/** This migration's snapshots of every dataset of every tree, on one side. */
function ours(lab: Lab, host: 'node1' | 'node2', rig: Rig): Map<string, string[]> {
  const tops = rig.args.datasets.map((d) => (host === 'node1' ? d.source : d.target));
  return new Map(
    tops.flatMap((top) =>
      [...snapshotsOf(lab.hosts[host]!, top)].map(
        ([ds, names]) => [ds, names.filter((n) => roundOf(prefix, n) !== undefined)] as const,
      ),
    ),
  );
}

/** Both hosts hold round `n`, and only it, of this migration on every dataset, with the same data. */
function assertOnlyRound(rig: Rig, n: number): void {
  for (const host of ['node1', 'node2'] as const) {
    for (const [ds, names] of ours(rig.lab, host, rig)) assert.deepEqual(names, [snap(n)], `${host} ${ds}`);
  }
  for (const d of rig.args.datasets) {
    for (const ds of rig.lab.hosts['node1']!.zfs.tree(d.source)) {
      const received = d.target + ds.name.slice(d.source.length);
      assert.equal(
        rig.lab.hosts['node2']!.contentHash(`${received}@${snap(n)}`),
        rig.lab.hosts['node1']!.contentHash(`${ds.name}@${snap(n)}`),
        `${received} holds round ${n}'s data`,
      );
    }
  }
}

/** Snapshots of others: an operator's recursive one and another migration's on the source, non-canonical look-alikes on both. */
async function addForeignSnapshots(lab: Lab): Promise<string[]> {
  const lines = [
    ['node1', 'zfs snapshot -r rpool/zones/www@daily-1'],
    ['node1', 'zfs snapshot pool1/www@zmig-ba9876543210-1'],
    ['node1', `zfs snapshot rpool/zones/www@${prefix}1-manual`],
    ['node2', `zfs snapshot pool1/www@${prefix}01`],
  ] as const;
  for (const [host, line] of lines) assert.equal((await run(lab, host, line)).code, 0, line);
  return [
    'node1:rpool/zones/www@daily-1',
    `node1:${ZBE}@daily-1`,
    'node1:pool1/www@zmig-ba9876543210-1',
    `node1:rpool/zones/www@${prefix}1-manual`,
    `node2:pool1/www@${prefix}01`,
  ];
}

function assertPresent(lab: Lab, snapshots: string[]): void {
  for (const s of snapshots) {
    const [host, name] = s.split(':') as [string, string];
    assert.ok(lab.hosts[host]!.zfs.snapshot(name), `${s} is untouched`);
  }
}

test('prune keeps only the latest common round on both hosts, drops an unfinished one, leaves others alone, and is idempotent', async () => {
  const rig = await preSeeded();
  try {
    const env = new MockActivityEnvironment();
    await sendRound(env, rig.acts, rig.args.datasets, 2);
    await sendRound(env, rig.acts, rig.args.datasets, 3);
    const foreign = await addForeignSnapshots(rig.lab);
    // A worker that died between the snapshot and the send left round 4 on the source only.
    await env.run(() =>
      rig.acts.createSnapshots({ host: 'node1', datasets: rig.args.datasets.map((d) => d.source), snapName: snap(4) }),
    );

    const pruned = await env.run(() => rig.acts.pruneToLatestCommonRound(rig.args));
    assert.deepEqual(pruned, {
      datasets: rig.args.datasets.map((d) => ({ source: d.source, target: d.target, round: 3 })),
      nextRound: 4,
    });
    assertOnlyRound(rig, 3);
    assertPresent(rig.lab, foreign);

    const mark = rig.lab.commandLog.length;
    assert.deepEqual(
      await env.run(() => rig.acts.pruneToLatestCommonRound(rig.args)),
      pruned,
      'the same answer the second time',
    );
    assert.deepEqual(
      rig.lab.commandLog
        .slice(mark)
        .filter((c) => MUTATING.test(c.line))
        .map((c) => c.line),
      [],
      'and nothing destroyed',
    );
    assert.deepEqual(await env.run(() => rig.acts.latestCommonRound(rig.args)), pruned);
  } finally {
    await rig.close();
  }
});

test('many re-sync rounds in one activity: one snapshot of ours per dataset and side between rounds, two during one', async () => {
  const rig = await preSeeded();
  try {
    const foreign = await addForeignSnapshots(rig.lab);
    const env = new MockActivityEnvironment();
    const seen = new Set<number>();
    let rounds = 0;
    env.on('heartbeat', (beat: ResyncHeartbeat) => {
      for (const host of ['node1', 'node2'] as const)
        for (const names of ours(rig.lab, host, rig).values()) seen.add(names.length);
      if (beat.rounds > rounds) {
        rounds = beat.rounds;
        // The zone keeps writing while it waits at the gate: every round carries data.
        rig.lab.hosts['node1']!.writeBlocks(rig.lab.hosts['node1']!.dataset(ZBE)!, 2);
        if (rounds === 12) env.cancel();
      }
    });
    const until = new Date(Date.now() + 3600_000).toISOString();
    const result: ResyncResult = await env.run(() =>
      rig.acts.resyncUntilCancelled({ ...rig.args, transport: 'relay', everySeconds: 0.01, until }),
    );

    assert.deepEqual(result, { rounds: 12, failedRounds: 0, stoppedBy: 'cancel' });
    assert.deepEqual(
      [...seen].sort(),
      [1, 2],
      'one snapshot of ours per dataset and side, two only while a round is under way',
    );
    const common: CommonRounds = await new MockActivityEnvironment().run(() => rig.acts.latestCommonRound(rig.args));
    assert.deepEqual(
      common.datasets.map((d) => d.round),
      [13, 13],
      'the pre-seed, then 12 rounds',
    );
    assertOnlyRound(rig, 13);
    assertPresent(rig.lab, foreign);
  } finally {
    await rig.close();
  }
});

test('cancel mid-round: the cut receive is discarded on both hosts and the latest common round is intact', async () => {
  const rig = await preSeeded();
  try {
    const source = rig.lab.hosts['node1']!;
    const targetDatasets = [...snapshotsOf(rig.lab.hosts['node2']!, 'rpool/zones/www').keys()];
    for (const ds of [ZBE, HOME]) source.writeBlocks(source.dataset(ds)!, 8);
    // The zonepath's incremental stops after its first datasets' records: they land, the rest never comes.
    const cut = rig.lab.faults.add({
      host: 'node1',
      match: /zfs send .*-i .*rpool\/zones\/www@/,
      action: 'hang',
      afterBytes: 256 * 1024,
    });
    const env = new MockActivityEnvironment();
    const until = new Date(Date.now() + 3600_000).toISOString();
    const running = env.run(() =>
      rig.acts.resyncUntilCancelled({ ...rig.args, transport: 'relay', everySeconds: 0.01, until }),
    );

    const target = rig.lab.hosts['node2']!;
    await waitFor(
      'part of round 2 to land on the target',
      () => cut.hits > 0 && target.zfs.snapshot(`rpool/zones/www@${snap(2)}`) !== undefined,
    );
    assert.equal(
      target.zfs.snapshot(`${HOME}@${snap(2)}`),
      undefined,
      'the receive is partial: the last dataset has not arrived',
    );
    env.cancel();

    assert.deepEqual(await running, { rounds: 0, failedRounds: 0, stoppedBy: 'cancel' });
    assert.deepEqual([...snapshotsOf(target, 'rpool/zones/www').keys()], targetDatasets, 'no dataset gained or lost');
    assertOnlyRound(rig, 1);
    const common: CommonRounds = await new MockActivityEnvironment().run(() => rig.acts.latestCommonRound(rig.args));
    assert.deepEqual(common, {
      datasets: rig.args.datasets.map((d) => ({ source: d.source, target: d.target, round: 1 })),
      nextRound: 2,
    });
  } finally {
    await rig.close();
  }
});

test('the loop returns by itself when its deadline passes, leaving one round of ours on each side', async () => {
  const rig = await preSeeded();
  try {
    const env = new MockActivityEnvironment();
    const until = new Date(Date.now() + 500).toISOString();
    const result: ResyncResult = await env.run(() =>
      rig.acts.resyncUntilCancelled({ ...rig.args, transport: 'relay', everySeconds: 0.05, until }),
    );
    assert.equal(result.stoppedBy, 'deadline');
    const common: CommonRounds = await env.run(() => rig.acts.latestCommonRound(rig.args));
    assert.deepEqual(
      common.datasets.map((d) => d.round),
      [1 + result.rounds, 1 + result.rounds],
    );
    assertOnlyRound(rig, 1 + result.rounds);
  } finally {
    await rig.close();
  }
});

test('direct transport: a cancel while the target receives stops the pipeline, removes its known-hosts file, keeps the latest common round', async () => {
  const rig = await preSeeded();
  try {
    rig.lab.faults.add({ host: 'node2', match: /zfs receive/, action: 'hang' });
    const env = new MockActivityEnvironment();
    const until = new Date(Date.now() + 3600_000).toISOString();
    const running = env.run(() =>
      rig.acts.resyncUntilCancelled({ ...rig.args, transport: 'direct', everySeconds: 0.01, until }),
    );
    await waitFor('the direct stream of round 2 to reach the target', () =>
      rig.lab.commandLog.some((c) => c.host === 'node2' && c.running && /zfs receive/.test(c.line)),
    );
    env.cancel();

    assert.deepEqual(await running, { rounds: 0, failedRounds: 0, stoppedBy: 'cancel' });
    assert.ok(!rig.lab.commandLog.some((c) => c.running), 'nothing left running on either host');
    assert.equal(rig.lab.hosts['node1']!.files.size, 0, 'the known-hosts file is removed');
    assertOnlyRound(rig, 1);
  } finally {
    await rig.close();
  }
});

test('a cancel the workflow did not ask for (worker shutdown) is no approval: it fails the attempt, and the retry clears the cut round first', async () => {
  const rig = await preSeeded();
  try {
    const hang = rig.lab.faults.add({ host: 'node2', match: /zfs receive/, action: 'hang' });
    const env = new MockActivityEnvironment();
    const args = {
      ...rig.args,
      transport: 'relay' as const,
      everySeconds: 0.01,
      until: new Date(Date.now() + 3600_000).toISOString(),
    };
    const running = env.run(() => rig.acts.resyncUntilCancelled(args));
    await waitFor('round 2 to be under way', () =>
      rig.lab.commandLog.some((c) => c.host === 'node2' && c.running && /zfs receive/.test(c.line)),
    );
    env.cancel('WORKER_SHUTDOWN', new ActivityCancellationDetails({ workerShutdown: true }));
    await assert.rejects(running, CancelledFailure);
    assert.ok(rig.lab.hosts['node1']!.zfs.snapshot(`rpool/zones/www@${snap(2)}`), 'round 2 is left for the retry');

    hang.remove();
    // The retry begins after the deadline here: it only cleans up, then returns.
    const retry: ResyncResult = await new MockActivityEnvironment().run(() =>
      rig.acts.resyncUntilCancelled({ ...args, until: new Date().toISOString() }),
    );
    assert.deepEqual(retry, { rounds: 0, failedRounds: 0, stoppedBy: 'deadline' });
    assertOnlyRound(rig, 1);
  } finally {
    await rig.close();
  }
});
