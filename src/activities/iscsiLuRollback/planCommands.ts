import {
  stmfadmAddView,
  stmfadmDeleteLu,
  stmfadmImportLu,
  zfsRollback,
  zoneadmAttach,
  zoneadmBoot,
  zoneadmDetach,
  zoneadmHalt,
} from '../../solaris';
import type { IscsiLuRollbackInput } from '../../contracts/iscsiLuRollback/input';
import type { IscsiLuRollbackPlan } from '../../contracts/iscsiLuRollback/plan';
import type { IscsiLuRollbackStepId } from '../../contracts/iscsiLuRollback/steps';
import type { PlannedCommand } from '../../contracts/plannedCommand';
import { showCommand } from '../commandRunner';
import { zvolDevice } from '../comstar/logicalUnit';

/**
 * The commands each mutating step of an LU rollback runs, built with the activities' own builders,
 * in the order the run issues them, for `zmig plan`.
 */
export async function planIscsiLuRollbackCommands(a: {
  input: IscsiLuRollbackInput;
  plan: IscsiLuRollbackPlan;
}): Promise<PlannedCommand[]> {
  const { plan } = a;
  const storage = a.input.storageHost;
  const { lu, consumer } = plan;
  const out: PlannedCommand[] = [];
  const add = (step: IscsiLuRollbackStepId, host: string, argv: readonly string[], when?: string) =>
    out.push({ step, host, command: showCommand(argv), ...(when && { when }) });
  if (consumer?.state === 'running') add('halt-consumer', consumer.host, zoneadmHalt(consumer.zone));
  if (consumer && consumer.state !== 'configured') add('detach-consumer', consumer.host, zoneadmDetach(consumer.zone));
  add('delete-lu', storage, stmfadmDeleteLu(lu.guid));
  add('rollback', storage, zfsRollback(plan.snapshot, { destroyNewer: plan.newer.length > 0 }));
  add('import-lu', storage, stmfadmImportLu(zvolDevice(lu.zvol)));
  for (const v of lu.views)
    add(
      'restore-views',
      storage,
      stmfadmAddView(lu.guid, { hostGroup: v.hostGroup, targetGroup: v.targetGroup, lun: v.lun }),
    );
  if (consumer && consumer.state !== 'configured') {
    add('attach-consumer', consumer.host, zoneadmAttach(consumer.zone));
    add(
      'attach-consumer',
      consumer.host,
      zoneadmAttach(consumer.zone, { extended: ['initialize-hostdata'] }),
      "attach refuses the zone's key (the host data went back in time with the LU)",
    );
  }
  if (consumer?.state === 'running') add('boot-consumer', consumer.host, zoneadmBoot(consumer.zone));
  return out;
}
