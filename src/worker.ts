import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from './activities';
import { failureInterceptor } from './activities/failureInterceptor';
import { heartbeatInterceptor } from './activities/heartbeat';
import { HEARTBEAT_THROTTLE_MS } from './contracts/heartbeatTimings';
import { directoryFromInventory } from './activities/hostDirectory';
import { createHostPool } from './hosts/hostPool';
import type { HostPool } from './hosts/host';
import { loadInventory } from './hosts/inventory';
import { workerConnectOptions } from './temporal/connection';

export { TASK_QUEUE } from './contracts/taskQueue';
import { TASK_QUEUE } from './contracts/taskQueue';
export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export interface ZmigWorkerOptions {
  inventoryPath: string;
  connection?: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  /** A prebuilt bundle (tests bundle once per file); otherwise workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  onHandshake?: (host: string) => void;
  /** Extra worker interceptors (the benchmark times activities with one). */
  interceptors?: WorkerOptions['interceptors'];
}

/**
 * The zmig worker: the workflows bundle plus activities bound to the hosts of one inventory. The
 * inventory (addresses, keys) lives only here: workflow inputs name hosts, never credentials.
 */
export async function createZmigWorker(opts: ZmigWorkerOptions): Promise<{ worker: Worker; pool: HostPool }> {
  const inventory = await loadInventory(opts.inventoryPath);
  const pool = createHostPool(inventory, { onHandshake: opts.onHandshake });
  let connection = opts.connection;
  let namespace = opts.namespace;
  if (!connection) {
    const settings = workerConnectOptions();
    connection = await NativeConnection.connect(settings.connectionOptions);
    namespace ??= settings.namespace;
  }
  const worker = await Worker.create({
    connection,
    namespace: namespace ?? 'default',
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({ pool, directory: directoryFromInventory(inventory) }),
    // Every activity heartbeats (the interceptor); a worker that stops waits for them to notice the cancel.
    shutdownGraceTime: '10s',
    // Progress reaches `zmig watch` through heartbeat details on the server: send them every second
    // instead of the default 80 % of the heartbeat timeout. One small RPC a second per running
    // activity, and no history events.
    maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE_MS,
    interceptors: {
      ...opts.interceptors,
      activity: [failureInterceptor(), heartbeatInterceptor(), ...(opts.interceptors?.activity ?? [])],
    },
  });
  return { worker, pool };
}

/** `zmig worker`: runs until SIGINT/SIGTERM, then drains and closes every SSH connection. */
export async function runWorker(opts: ZmigWorkerOptions): Promise<void> {
  const { worker, pool } = await createZmigWorker(opts);
  console.log(`zmig worker: task queue ${opts.taskQueue ?? TASK_QUEUE}, inventory ${opts.inventoryPath}`);
  try {
    await worker.run();
  } finally {
    await pool.closeAll();
  }
}
