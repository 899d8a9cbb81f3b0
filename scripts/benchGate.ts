// The cutover gate's cost in history and snapshots, against its length: a gate re-syncs inside one
// heartbeating activity, so neither grows however long the operator takes to approve.
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { ColdMoveRequest } from '../src/contracts/coldMove/input';
import { seedSourceHost, seedTargetHost } from '../src/sim/fixtures';
import { startLab } from '../src/sim/lab';
import { createZmigWorker } from '../src/worker';

const MiB = 1024 * 1024;
const DATASETS = ['rpool/zones/www', 'pool1/www'];

/** One gated coldMove whose gate runs to its deadline, re-syncing every second under writes. */
async function gatedMove(client: Client, native: NativeConnection, workflowBundle: unknown, gateSeconds: number) {
  const lab = await startLab({
    hosts: [{ name: 'node1' }, { name: 'node2' }],
    timings: { bootMs: 100, shutdownMs: 100, haltMs: 50, attachMs: 20, detachMs: 20, commandLatencyMs: 1 },
  });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 64 * MiB, delegatedSizeBytes: 8 * MiB });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  lab.hosts['node1']!.startWriter({ zone: 'www', dataset: 'rpool/zones/www', bytesPerSec: MiB });
  const taskQueue = `bench-gate-${gateSeconds}`;
  const { worker, pool } = await createZmigWorker({
    inventoryPath: lab.inventoryPath,
    connection: native,
    taskQueue,
    workflowBundle: workflowBundle as never,
  });
  const running = worker.run();
  const request: ColdMoveRequest = {
    zone: 'www',
    source: 'node1',
    target: 'node2',
    cutover: { requireApproval: true, deadlineSeconds: gateSeconds, onDeadline: 'proceed', resyncSeconds: 1 },
  };
  const handle = await client.workflow.start('coldMove', {
    taskQueue,
    workflowId: `bench/gate-${gateSeconds}`,
    args: [request],
  });
  // The most of this migration's snapshots any dataset held on either host, sampled while it ran.
  let most = 0;
  const sample = setInterval(() => {
    for (const host of [lab.hosts['node1']!, lab.hosts['node2']!]) {
      for (const ds of DATASETS)
        most = Math.max(most, host.dataset(ds)?.snapshots.filter((s) => s.name.startsWith('zmig-')).length ?? 0);
    }
  }, 100);
  await handle.result();
  clearInterval(sample);
  const events = (await handle.fetchHistory()).events?.length ?? 0;
  const gate =
    (await handle.query<{ steps: { id: string; detail?: string }[] }>('progress')).steps.find(
      (s) => s.id === 'cutover-gate',
    )?.detail ?? '';
  lab.hosts['node1']!.stopWriters();
  worker.shutdown();
  await running;
  await pool.closeAll();
  await lab.stop();
  return { events, most, gate };
}

export async function benchGate(
  client: Client,
  native: NativeConnection,
  workflowBundle: unknown,
  say: (s: string) => void,
): Promise<void> {
  say('\ncutover gate held to its deadline, re-syncing every second under 1 MiB/s of writes:');
  for (const seconds of [10, 40, 160]) {
    const r = await gatedMove(client, native, workflowBundle, seconds);
    say(
      `  ${String(seconds).padStart(3)} s gate: ${r.events} history events, at most ${r.most} zmig snapshots per dataset on either host   (${r.gate})`,
    );
  }
  say("  nothing recorded grows with the gate's length; benchGateDays.ts runs the 2,880 rounds of a 48-hour gate");
}
