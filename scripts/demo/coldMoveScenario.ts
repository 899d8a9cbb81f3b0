import { startProcedure } from '../../src/client/commands/start';
import { coldMoveProcedure } from '../../src/client/procedures/coldMove';
import { coldMoveInputSchema } from '../../src/contracts/coldMove/input';
import { zoneWorkflowId } from '../../src/contracts/workflowIds';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { startLab } from '../../src/sim/lab';
import type { DemoScenario } from './scenario';

const MiB = 1024 * 1024;

/** A native zone, written to while it moves, to another host with ZFS pre-seeding. */
export const coldMoveScenario: DemoScenario = {
  intro: 'two simulated Solaris 11.4 hosts over SSH: node1 (zone www, running, being written to) and node2',
  async setUp() {
    const lab = await startLab({
      hosts: [{ name: 'node1' }, { name: 'node2' }],
      timings: {
        bootMs: 4000,
        shutdownMs: 5000,
        haltMs: 1000,
        attachMs: 1500,
        detachMs: 800,
        commandLatencyMs: 20,
        transferBytesPerSec: 40 * MiB,
      },
    });
    seedSourceHost(lab.hosts['node1']!, { sizeBytes: 320 * MiB, delegatedSizeBytes: 96 * MiB });
    seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
    lab.hosts['node1']!.startWriter({ zone: 'www', dataset: 'pool1/www', bytesPerSec: 1 * MiB });
    return lab;
  },
  workflowId: zoneWorkflowId('node1', 'www'),
  commandLine: 'zmig cold-move www --from node1 --to node2 --converge-threshold 8M --source-policy autoboot-off',
  run() {
    const input = coldMoveInputSchema.parse({
      zone: 'www',
      source: 'node1',
      target: 'node2',
      converge: { thresholdBytes: 8 * MiB },
      sourcePolicy: 'autoboot-off',
    });
    return startProcedure(coldMoveProcedure, input, { wait: true, json: false });
  },
  success: 'Migration succeeded: zone www now runs on node2.',
  tearDown(lab) {
    lab.hosts['node1']!.stopWriters();
  },
};
