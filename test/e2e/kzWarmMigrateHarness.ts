import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { startLab, type Lab } from '../../src/sim/lab';
import {
  exportIscsiLu,
  seedKernelZone,
  seedSharedStorage,
  type KernelZoneOptions,
} from '../../src/sim/kernelZoneFixtures';
import type { SimTimings } from '../../src/sim/timings';
import type { KzWarmMigrateRequest } from '../../src/contracts/kzWarmMigrate/input';
import { labState } from './hostState';
import { FAST, workerRig, type WorkerRig } from './workerRig';

export const SPARC_T8 = { arch: 'sparc' as const, model: 'SPARC-T8', migrationClasses: ['migration-class1'] };

export interface KzWarmRig extends WorkerRig {
  /** A running Kernel Zone on node1: boot disk an iSCSI LU of storage1, suspend file on the shared NFS mount. */
  addKernelZone(zone: string, opts?: Partial<KernelZoneOptions>): string;
  start(
    zone: string,
    request?: Partial<KzWarmMigrateRequest>,
    workflowId?: string,
  ): Promise<WorkflowHandleWithFirstExecutionRunId>;
}

/**
 * storage1 exports iSCSI LUs and shares /export/suspend over NFS; node1 and node2 (SPARC-T8,
 * 64 GB, 8 CPUs) discover its target and mount the share at /mnt/suspend.
 */
export async function kzWarmRig(
  opts: { timings?: Partial<SimTimings>; withWorker?: boolean; taskQueue?: string } = {},
): Promise<KzWarmRig> {
  const lab = await startLab({
    hosts: [{ name: 'node1' }, { name: 'node2' }, { name: 'storage1' }],
    timings: { ...FAST, suspendMs: 20, ...opts.timings },
  });
  const storage = lab.hosts['storage1']!;
  seedSharedStorage(storage, [lab.hosts['node1']!, lab.hosts['node2']!], { memoryMb: 65536, ncpus: 8, cpu: SPARC_T8 });
  const rig = await workerRig(lab, opts);
  return Object.assign(rig, {
    addKernelZone(zone: string, more: Partial<KernelZoneOptions> = {}) {
      const bootUri = exportIscsiLu(storage, `pool1/${zone}_boot`);
      seedKernelZone(lab.hosts['node1']!, {
        zone,
        bootUri,
        suspendPath: `/mnt/suspend/${zone}.sus`,
        memory: '4G',
        vcpus: 4,
        ...more,
      });
      return bootUri;
    },
    start(
      zone: string,
      request: Partial<KzWarmMigrateRequest> = {},
      workflowId = `zone/node1/${zone}/${randomUUID().slice(0, 8)}`,
    ) {
      return rig.client.workflow.start('kzWarmMigrate', {
        taskQueue: rig.taskQueue,
        workflowId,
        args: [{ zone, source: 'node1', target: 'node2', ...request }],
        workflowIdConflictPolicy: 'FAIL',
      });
    },
  });
}

/**
 * Every host's state without what moves on its own: a running guest's counter (its clock ticks)
 * and the host-data update time (every attach, boot and suspend rewrites it). The guest's boot id
 * stays in: a zone that was resumed, not booted afresh, keeps it.
 */
export function kzLabState(lab: Lab): unknown {
  return JSON.parse(
    JSON.stringify(labState(lab), (key, value: unknown) => {
      if (key === 'guest' && value && typeof value === 'object') return { ...value, counter: undefined };
      if (key === 'hostData' && value && typeof value === 'object') return { ...value, updated: undefined };
      return value;
    }),
  );
}
