import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import type { IscsiLuRollbackRequest } from '../../src/contracts/iscsiLuRollback/input';
import type { Lab } from '../../src/sim/lab';
import { run } from '../sim/sshClient';
import { kzWarmRig, type KzWarmRig } from './kzWarmMigrateHarness';

export interface LuRig extends KzWarmRig {
  /** A running Kernel Zone on node1 booting from a fresh LU of storage1; its GUID and zvol. */
  addConsumer(zone: string): { guid: string; zvol: string };
  rollBack(request: Partial<IscsiLuRollbackRequest>): Promise<WorkflowHandleWithFirstExecutionRunId>;
}

/** The kzWarmMigrate lab (storage1 exporting LUs to node1 and node2): its zones boot from iSCSI LUs. */
export async function luRig(opts: Parameters<typeof kzWarmRig>[0] = {}): Promise<LuRig> {
  const rig = await kzWarmRig(opts);
  return Object.assign(rig, {
    addConsumer(zone: string) {
      const uri = rig.addKernelZone(zone);
      const guid = /luname\.naa\.([0-9A-Fa-f]{32})$/.exec(uri)![1]!.toUpperCase();
      return { guid, zvol: `pool1/${zone}_boot` };
    },
    rollBack(request: Partial<IscsiLuRollbackRequest>) {
      return rig.client.workflow.start('iscsiLuRollback', {
        taskQueue: rig.taskQueue,
        workflowId: `lu/storage1/${request.zvol ?? request.lu}/${randomUUID().slice(0, 8)}`,
        args: [{ storageHost: 'storage1', snapshot: 'snap1', ...request }],
      });
    },
  });
}

/** Runs a command line on a lab host and insists that it works. */
export async function must(lab: Lab, host: string, line: string): Promise<string> {
  const res = await run(lab, host, line);
  assert.equal(res.code, 0, `${host}: ${line}: ${res.stderr}`);
  return res.stdout;
}

/** Data written to a zvol after its snapshot: the rollback must take it away again. */
export function writeAfterSnapshot(lab: Lab, zvol: string): void {
  const storage = lab.hosts['storage1']!;
  storage.writeBlocks(storage.dataset(zvol)!, 4);
}
