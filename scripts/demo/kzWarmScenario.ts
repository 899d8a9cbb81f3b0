import { startProcedure } from '../../src/client/commands/start';
import { kzWarmMigrateProcedure } from '../../src/client/procedures/kzWarmMigrate';
import { kzWarmMigrateInputSchema } from '../../src/contracts/kzWarmMigrate/input';
import { zoneWorkflowId } from '../../src/contracts/workflowIds';
import { exportIscsiLu, seedKernelZone, seedSharedStorage } from '../../src/sim/kernelZoneFixtures';
import { startLab } from '../../src/sim/lab';
import type { DemoScenario } from './scenario';

const CPU = { arch: 'sparc' as const, model: 'SPARC-T8', migrationClasses: ['migration-class1'] };

/** A running Kernel Zone on shared iSCSI storage, suspended on node1 and resumed on node2. */
export const kzWarmScenario: DemoScenario = {
  intro:
    'three simulated Solaris 11.4 hosts over SSH: storage1 (an iSCSI LU for the boot disk, an NFS share for suspend images), node1 (Kernel Zone kz1, running) and node2',
  async setUp() {
    const lab = await startLab({
      hosts: [{ name: 'storage1' }, { name: 'node1' }, { name: 'node2' }],
      timings: { bootMs: 4000, suspendMs: 3000, haltMs: 1000, attachMs: 1500, detachMs: 800, commandLatencyMs: 20 },
    });
    const storage = lab.hosts['storage1']!;
    seedSharedStorage(storage, [lab.hosts['node1']!, lab.hosts['node2']!], { memoryMb: 262144, ncpus: 64, cpu: CPU });
    seedKernelZone(lab.hosts['node1']!, {
      zone: 'kz1',
      bootUri: exportIscsiLu(storage, 'pool1/kz1_boot', 16 * 2 ** 30),
      suspendPath: '/mnt/suspend/kz1.sus',
      memory: '16G',
      vcpus: 8,
    });
    return lab;
  },
  workflowId: zoneWorkflowId('node1', 'kz1'),
  commandLine: 'zmig kz-warm-migrate kz1 --from node1 --to node2',
  run() {
    const input = kzWarmMigrateInputSchema.parse({ zone: 'kz1', source: 'node1', target: 'node2' });
    return startProcedure(kzWarmMigrateProcedure, input, { wait: true, json: false });
  },
  success: 'Migration succeeded: Kernel Zone kz1 resumed on node2 with its memory intact.',
  tearDown() {},
};
