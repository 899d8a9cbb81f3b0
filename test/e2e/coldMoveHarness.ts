import { Client, Connection, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost, type SourceOptions } from '../../src/sim/fixtures';
import type { SimTimings } from '../../src/sim/timings';
import type { ReleaseName } from '../../src/sim/model/release';
import type { HostPool } from '../../src/hosts/host';
import { createZmigWorker, WORKFLOWS_PATH } from '../../src/worker';
import type { ColdMoveRequest } from '../../src/contracts/coldMove/input';

/** Fast simulator timings: the logic is the same, the clock is not. */
export const FAST: Partial<SimTimings> = {
  bootMs: 30,
  shutdownMs: 30,
  haltMs: 10,
  attachMs: 5,
  detachMs: 5,
  commandLatencyMs: 0,
  transferBytesPerSec: 0,
};

// Worker state chatter hides test output; errors still show.
Runtime.install({ logger: new DefaultLogger('ERROR') });

let bundle: Awaited<ReturnType<typeof bundleWorkflowCode>> | undefined;

/** Bundled once per test file, as Temporal recommends. */
export async function workflowBundle() {
  bundle ??= await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  return bundle;
}

export function temporalAddress(): string {
  const address = process.env['TEMPORAL_ADDRESS'];
  if (!address)
    throw new Error('TEMPORAL_ADDRESS is not set: run the suite with `npm test`, which starts a Temporal dev server');
  return address;
}

export interface ColdMoveRig {
  lab: Lab;
  client: Client;
  taskQueue: string;
  pool: HostPool;
  handshakes: Map<string, number>;
  start(request?: Partial<ColdMoveRequest>, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Two simulated hosts over real SSH (node1 with zone www, node2 empty), a real worker, a real client. */
export async function coldMoveRig(
  opts: {
    timings?: Partial<SimTimings>;
    sizeBytes?: number;
    withWorker?: boolean;
    taskQueue?: string;
    releases?: [ReleaseName, ReleaseName];
    ipkgBrand?: SourceOptions['ipkgBrand'];
  } = {},
): Promise<ColdMoveRig> {
  const [release1, release2] = opts.releases ?? ['11.4', '11.4'];
  const lab = await startLab({
    hosts: [
      { name: 'node1', release: release1 },
      { name: 'node2', release: release2 },
    ],
    timings: { ...FAST, ...opts.timings },
  });
  seedSourceHost(lab.hosts['node1']!, {
    sizeBytes: opts.sizeBytes ?? 4 * 1024 * 1024,
    delegatedSizeBytes: 2 * 1024 * 1024,
    ...(opts.ipkgBrand ? { ipkgBrand: opts.ipkgBrand } : {}),
  });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: temporalAddress() });
  const taskQueue = opts.taskQueue ?? `zmig-test-${randomUUID()}`;
  const handshakes = new Map<string, number>();
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let pool: HostPool | undefined;

  const rig: ColdMoveRig = {
    lab,
    client,
    taskQueue,
    handshakes,
    get pool() {
      return pool!;
    },
    async startWorker() {
      const created = await createZmigWorker({
        inventoryPath: lab.inventoryPath,
        connection: native,
        taskQueue,
        workflowBundle: await workflowBundle(),
        onHandshake: (h) => handshakes.set(h, (handshakes.get(h) ?? 0) + 1),
      });
      worker = created.worker;
      pool = created.pool;
      running = worker.run();
    },
    async stopWorker() {
      if (!worker) return;
      worker.shutdown();
      await running;
      await pool?.closeAll();
      worker = undefined;
    },
    start(request = {}, workflowId = `zone/node1/www/${randomUUID().slice(0, 8)}`) {
      return client.workflow.start('coldMove', {
        taskQueue,
        workflowId,
        args: [{ zone: 'www', source: 'node1', target: 'node2', ...request }],
        workflowIdConflictPolicy: 'FAIL',
      });
    },
    async close() {
      await rig.stopWorker();
      await native.close();
      await connection.close();
      await lab.stop();
    },
  };
  if (opts.withWorker !== false) await rig.startWorker();
  return rig;
}
