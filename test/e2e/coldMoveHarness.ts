import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { startLab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost, type SourceOptions } from '../../src/sim/fixtures';
import type { SimTimings } from '../../src/sim/timings';
import type { ReleaseName } from '../../src/sim/model/release';
import type { ColdMoveRequest } from '../../src/contracts/coldMove/input';
import { FAST, workerRig, type WorkerRig } from './workerRig';

export { FAST, temporalAddress, workflowBundle } from './workerRig';

export interface ColdMoveRig extends WorkerRig {
  start(request?: Partial<ColdMoveRequest>, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId>;
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
  const rig = await workerRig(lab, opts);
  return Object.assign(rig, {
    start(request: Partial<ColdMoveRequest> = {}, workflowId = `zone/node1/www/${randomUUID().slice(0, 8)}`) {
      return rig.client.workflow.start('coldMove', {
        taskQueue: rig.taskQueue,
        workflowId,
        args: [{ zone: 'www', source: 'node1', target: 'node2', ...request }],
        workflowIdConflictPolicy: 'FAIL',
      });
    },
  });
}
