import { startProcedure } from '../../src/client/commands/start';
import { iscsiLuRollbackProcedure } from '../../src/client/procedures/iscsiLuRollback';
import { iscsiLuRollbackInputSchema } from '../../src/contracts/iscsiLuRollback/input';
import { luWorkflowId } from '../../src/contracts/workflowIds';
import { exportIscsiLu, seedKernelZone, seedSharedStorage } from '../../src/sim/kernelZoneFixtures';
import { startLab } from '../../src/sim/lab';
import { run } from '../../test/sim/sshClient';
import type { DemoScenario } from './scenario';

const CPU = { arch: 'sparc' as const, model: 'SPARC-T8', migrationClasses: ['migration-class1'] };
const ZVOL = 'pool1/kz1_boot';

/**
 * The LU-rollback write-up's situation: Kernel Zone kz1 boots from an iSCSI LU whose zvol has a
 * snapshot from before an upgrade; since then the zone was given a new key and changed its disk.
 */
export const luRollbackScenario: DemoScenario = {
  intro:
    'two simulated Solaris 11.4 hosts over SSH: storage1 (zvol pool1/kz1_boot exported as an iSCSI LU, snapshots @before-upgrade and @after-upgrade) and node1 (Kernel Zone kz1 booting from it, running, re-keyed since @before-upgrade)',
  async setUp() {
    const lab = await startLab({
      hosts: [{ name: 'storage1' }, { name: 'node1' }],
      timings: { bootMs: 3000, haltMs: 1500, attachMs: 1500, detachMs: 800, commandLatencyMs: 20 },
    });
    const storage = lab.hosts['storage1']!;
    seedSharedStorage(storage, [lab.hosts['node1']!], { memoryMb: 262144, ncpus: 64, cpu: CPU });
    seedKernelZone(lab.hosts['node1']!, {
      zone: 'kz1',
      bootUri: exportIscsiLu(storage, ZVOL, 16 * 2 ** 30),
      suspendPath: '/mnt/suspend/kz1.sus',
      memory: '16G',
      vcpus: 8,
    });
    const lines: [string, string][] = [
      ['storage1', `zfs snapshot ${ZVOL}@before-upgrade`],
      ...['halt', 'detach', 'attach -x initialize-hostdata', 'boot'].map((c): [string, string] => [
        'node1',
        `zoneadm -z kz1 ${c}`,
      ]),
      ['storage1', `zfs snapshot ${ZVOL}@after-upgrade`],
    ];
    for (const [host, line] of lines) {
      const res = await run(lab, host, line);
      if (res.code !== 0) throw new Error(`demo set-up: ${host}: ${line}: ${res.stderr}`);
    }
    return lab;
  },
  workflowId: luWorkflowId('storage1', ZVOL),
  commandLine: `zmig iscsi-lu-rollback before-upgrade --storage storage1 --zvol ${ZVOL} --consumer kz1 --consumer-host node1 --halt-consumer --destroy-newer`,
  run() {
    const input = iscsiLuRollbackInputSchema.parse({
      storageHost: 'storage1',
      zvol: ZVOL,
      snapshot: 'before-upgrade',
      destroyNewer: true,
      consumer: { zone: 'kz1', host: 'node1' },
      haltConsumer: true,
    });
    return startProcedure(iscsiLuRollbackProcedure, input, { wait: true, json: false });
  },
  success: 'Rollback succeeded: the LU serves @before-upgrade with its GUID and views, and kz1 runs again.',
  tearDown() {},
};
