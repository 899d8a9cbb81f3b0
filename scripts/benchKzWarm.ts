// The downtime of a Kernel Zone warm migration against the simulated time of the commands on its
// critical path (suspend, detach, attach, boot = resume): the difference is what zmig adds.
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { KzWarmMigrateResult } from '../src/contracts/kzWarmMigrate/result';
import { exportIscsiLu, seedKernelZone, seedSharedStorage } from '../src/sim/kernelZoneFixtures';
import { startLab } from '../src/sim/lab';
import type { SimTimings } from '../src/sim/timings';
import { createZmigWorker } from '../src/worker';

const TIMINGS: Partial<SimTimings> = {
  suspendMs: 3000,
  detachMs: 800,
  attachMs: 1500,
  bootMs: 2000,
  commandLatencyMs: 20,
};

async function warmMigration(client: Client, native: NativeConnection, workflowBundle: unknown, run: number) {
  const lab = await startLab({ hosts: [{ name: 'storage1' }, { name: 'node1' }, { name: 'node2' }], timings: TIMINGS });
  const storage = lab.hosts['storage1']!;
  seedSharedStorage(storage, [lab.hosts['node1']!, lab.hosts['node2']!], { memoryMb: 65536, ncpus: 16 });
  seedKernelZone(lab.hosts['node1']!, {
    zone: 'kz1',
    bootUri: exportIscsiLu(storage, 'pool1/kz1_boot'),
    suspendPath: '/mnt/suspend/kz1.sus',
  });
  const taskQueue = `bench-kz-${run}`;
  const { worker, pool } = await createZmigWorker({
    inventoryPath: lab.inventoryPath,
    connection: native,
    taskQueue,
    workflowBundle: workflowBundle as never,
  });
  const running = worker.run();
  const handle = await client.workflow.start('kzWarmMigrate', {
    taskQueue,
    workflowId: `bench/kz-warm-${run}-${Date.now()}`,
    args: [{ zone: 'kz1', source: 'node1', target: 'node2' }],
  });
  const result = (await handle.result()) as KzWarmMigrateResult;
  const events = (await handle.fetchHistory()).events?.length ?? 0;
  worker.shutdown();
  await running;
  await pool.closeAll();
  await lab.stop();
  return { downtimeMs: result.downtimeMs, events };
}

export async function benchKzWarm(
  client: Client,
  native: NativeConnection,
  workflowBundle: unknown,
  say: (line: string) => void,
): Promise<void> {
  const critical = TIMINGS.suspendMs! + TIMINGS.detachMs! + TIMINGS.attachMs! + TIMINGS.bootMs!;
  say(
    `kzWarmMigrate downtime (simulated suspend ${TIMINGS.suspendMs} ms, detach ${TIMINGS.detachMs}, attach ${TIMINGS.attachMs}, resume ${TIMINGS.bootMs}; ${critical} ms on the critical path):`,
  );
  for (const run of [1, 2, 3]) {
    const { downtimeMs, events } = await warmMigration(client, native, workflowBundle, run);
    say(
      `  run ${run}: downtime ${(downtimeMs / 1000).toFixed(2)} s, zmig adds ${((downtimeMs - critical) / 1000).toFixed(2)} s; ${events} history events`,
    );
  }
}
