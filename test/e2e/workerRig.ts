import { Client, Connection } from '@temporalio/client';
import { IllegalStateError } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Lab } from '../../src/sim/lab';
import type { HostPool } from '../../src/hosts/host';
import { createZmigWorker, WORKFLOWS_PATH } from '../../src/worker';

export { FAST } from './fastTimings';

// Worker state chatter hides test output; errors still show. A script that loads this harness
// (the bench) may have installed its own runtime already: that one stays.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch (err) {
  if (!(err instanceof IllegalStateError)) throw err;
}

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

/** A lab's hosts behind a real zmig worker on its own task queue, and a real client. */
export interface WorkerRig {
  lab: Lab;
  client: Client;
  taskQueue: string;
  pool: HostPool;
  handshakes: Map<string, number>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function workerRig(lab: Lab, opts: { withWorker?: boolean; taskQueue?: string } = {}): Promise<WorkerRig> {
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: temporalAddress() });
  const taskQueue = opts.taskQueue ?? `zmig-test-${randomUUID()}`;
  const handshakes = new Map<string, number>();
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let pool: HostPool | undefined;

  const rig: WorkerRig = {
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
