import { Client, Connection, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { HostPool } from '../../src/hosts/host';
import { createZmigWorker } from '../../src/worker';
import type { ColdMoveRequest } from '../../src/contracts/coldMove/input';
import { temporalAddress, workflowBundle } from '../e2e/coldMoveHarness';
import { seedSourceZone, seedTargetHost, ZONE, type ZoneSizes } from './labZone';
import { spawnTied } from './labProcesses';
import { startRealLab, type RealLab } from './realLab';

const ZMIG = fileURLToPath(new URL('../../bin/zmig.mjs', import.meta.url));

export interface LabColdMoveRig {
  lab: RealLab;
  client: Client;
  taskQueue: string;
  start(request?: Partial<ColdMoveRequest>): Promise<WorkflowHandleWithFirstExecutionRunId>;
  /** A worker in this process (tests that kill one run `zmig worker` as a process instead). */
  startWorker(): Promise<void>;
  /**
   * `zmig worker` as its own process on this rig's task queue, so SIGKILL is a real crash; tied to
   * the test process like every lab process.
   */
  workerProcess(): ChildProcess;
  close(): Promise<void>;
}

/**
 * Two zone-layer lab hosts (real ZFS, sshd and sudo; zones from the simulator): lab1 running the
 * ipkg zone www with real files, lab2 its target; the real Temporal dev server of `npm test`.
 */
export async function labColdMoveRig(sizes: ZoneSizes, opts: { withWorker?: boolean } = {}): Promise<LabColdMoveRig> {
  const lab = await startRealLab([
    { name: 'lab1', pool: 'rpool', zones: true },
    { name: 'lab2', pool: 'rpool', zones: true },
  ]);
  let connection: Connection | undefined;
  let native: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let pool: HostPool | undefined;
  const close = async (): Promise<void> => {
    worker?.shutdown();
    await running;
    await pool?.closeAll();
    await native?.close();
    await connection?.close();
    await lab.stop();
  };
  try {
    await seedSourceZone(lab.hosts['lab1']!, sizes);
    await seedTargetHost(lab.hosts['lab2']!);
    connection = await Connection.connect({ address: temporalAddress() });
    native = await NativeConnection.connect({ address: temporalAddress() });
  } catch (err) {
    await close();
    throw err;
  }
  const client = new Client({ connection });
  const taskQueue = `zmig-lab-${randomUUID()}`;
  const rig: LabColdMoveRig = {
    lab,
    client,
    taskQueue,
    start: (request = {}) =>
      client.workflow.start('coldMove', {
        taskQueue,
        workflowId: `zone/lab1/${ZONE}/${randomUUID().slice(0, 8)}`,
        args: [{ zone: ZONE, source: 'lab1', target: 'lab2', ...request }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    workerProcess: () =>
      spawnTied([process.execPath, ZMIG, 'worker', '--inventory', lab.inventoryPath, '--task-queue', taskQueue], {
        env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    async startWorker() {
      const created = await createZmigWorker({
        inventoryPath: lab.inventoryPath,
        connection: native!,
        taskQueue,
        workflowBundle: await workflowBundle(),
      });
      worker = created.worker;
      pool = created.pool;
      running = worker.run();
    },
    close,
  };
  if (opts.withWorker !== false) await rig.startWorker();
  return rig;
}
