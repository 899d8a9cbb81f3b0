import {
  iscsiLuRollbackIdentity,
  iscsiLuRollbackInputSchema,
  type IscsiLuRollbackRequest,
} from '../contracts/iscsiLuRollback/input';
import type { IscsiLuRollbackPlan } from '../contracts/iscsiLuRollback/plan';
import {
  iscsiLuRollbackDetailLines,
  type IscsiLuRollbackDetail,
  type IscsiLuRollbackResult,
} from '../contracts/iscsiLuRollback/result';
import { ISCSI_LU_ROLLBACK_STEPS } from '../contracts/iscsiLuRollback/steps';
import { steps as act, undos as undo } from './runner/activityOptions';
import { parseWorkflowInput } from './runner/parseWorkflowInput';
import { ProcedureRun } from './runner/procedureRun';

/**
 * iscsiLuRollback: the zvol behind a COMSTAR logical unit back to one of its snapshots. The LU has
 * to go while the zvol rolls back (it holds the zvol open), and comes back with the same GUID and
 * views; the Kernel Zone that boots from it comes back too, with new host data when the old key no
 * longer opens what the rollback restored (docs/iscsiLuRollback.md).
 */
export async function iscsiLuRollback(request: IscsiLuRollbackRequest): Promise<IscsiLuRollbackResult> {
  const input = parseWorkflowInput(iscsiLuRollbackInputSchema, request);
  const storage = input.storageHost;
  const detail: IscsiLuRollbackDetail = {};
  const run = new ProcedureRun(
    iscsiLuRollbackIdentity(input),
    ISCSI_LU_ROLLBACK_STEPS,
    detail,
    iscsiLuRollbackDetailLines,
  );

  let plan: IscsiLuRollbackPlan;
  let destroyed: string[];
  try {
    // 1. Read-only preflight: the LU and its views recorded, the newer snapshots listed, the consumer checked.
    plan = await run.step(
      'preflight',
      () => act.preflightIscsiLuRollback(input, `preflight LU rollback on ${storage} (read-only)`),
      (p) => `${p.lu.guid}: ${p.lu.views.length} view(s), ${p.newer.length} newer snapshot(s)`,
    );
    const { lu } = plan;
    detail.guid = lu.guid;
    const consumer = plan.consumer;

    // 2. The consumer stops using the LU: halted (with consent) and detached.
    if (consumer?.state === 'running') {
      run.undo(`boot zone ${consumer.zone} on ${consumer.host}`, () =>
        undo.bootZone(
          { host: consumer.host, zone: consumer.zone, timeoutSeconds: input.zoneTimeoutSeconds },
          `zoneadm boot ${consumer.zone} on ${consumer.host}`,
        ),
      );
      await run.step('halt-consumer', () =>
        act.haltZone({ host: consumer.host, zone: consumer.zone }, `zoneadm halt ${consumer.zone} on ${consumer.host}`),
      );
    } else run.skip('halt-consumer', consumer ? `zone was ${consumer.state}` : 'no consumer zone');
    if (consumer && consumer.state !== 'configured') {
      run.undo(`attach zone ${consumer.zone} on ${consumer.host}`, () =>
        undo.attachKernelZone(
          { host: consumer.host, zone: consumer.zone },
          `zoneadm attach ${consumer.zone} on ${consumer.host}`,
        ),
      );
      await run.step('detach-consumer', () =>
        act.detachZone(
          { host: consumer.host, zone: consumer.zone },
          `zoneadm detach ${consumer.zone} on ${consumer.host}`,
        ),
      );
    } else run.skip('detach-consumer', consumer ? 'zone was detached' : 'no consumer zone');

    // 3. The LU goes (it holds the zvol open, so the rollback would find it busy); its record is in history.
    run.undo(`import LU ${lu.guid} on ${storage} and restore its views`, () =>
      undo.reinstateLu({ host: storage, record: lu }, `stmfadm import-lu ${lu.zvol} on ${storage}, add-view`),
    );
    await run.step('delete-lu', () =>
      act.deleteLu({ host: storage, guid: lu.guid }, `stmfadm delete-lu ${lu.guid} on ${storage}`),
    );

    // 4. The rollback. POINT OF NO RETURN: the newer data and snapshots are gone.
    const result = await run.step(
      'rollback',
      () =>
        act.rollbackZvol(
          { host: storage, snapshot: plan.snapshot, consented: plan.newer },
          `zfs rollback${plan.newer.length ? ' -r' : ''} ${plan.snapshot} on ${storage}`,
        ),
      (r) => (r.destroyed.length ? `destroyed ${r.destroyed.join(', ')}` : 'no newer snapshot'),
    );
    destroyed = result.destroyed;
    detail.newer = destroyed;
    run.pointOfNoReturn();
  } catch (err) {
    throw await run.rollBack(err);
  }

  // 5-8. Past the point of no return: retried, never cancelled; a failure stops the run saying what did not run.
  const { lu, consumer } = plan;
  let hostDataInitialized = false;
  await run.pastPointOfNoReturn(async () => {
    await run.step('import-lu', () =>
      act.importLu({ host: storage, record: lu }, `stmfadm import-lu ${lu.zvol} on ${storage}`),
    );
    await run.step(
      'restore-views',
      () => act.restoreViews({ host: storage, record: lu }, `stmfadm add-view ${lu.guid} on ${storage}`),
      (n) => `${n} view(s)`,
    );
    if (consumer && consumer.state !== 'configured') {
      const attached = await run.step(
        'attach-consumer',
        () =>
          act.attachKernelZoneRenewingHostData(
            { host: consumer.host, zone: consumer.zone },
            `zoneadm attach ${consumer.zone} on ${consumer.host}`,
          ),
        (r) => (r.hostDataInitialized ? 'host data re-created (-x initialize-hostdata)' : 'attached'),
      );
      hostDataInitialized = attached.hostDataInitialized;
      detail.hostDataInitialized = hostDataInitialized;
    } else run.skip('attach-consumer', consumer ? 'zone was detached' : 'no consumer zone');
    if (consumer?.state === 'running') {
      await run.step('boot-consumer', () =>
        act.bootZone(
          { host: consumer.host, zone: consumer.zone, timeoutSeconds: input.zoneTimeoutSeconds },
          `zoneadm boot ${consumer.zone} on ${consumer.host}`,
        ),
      );
    } else run.skip('boot-consumer', consumer ? `zone was ${consumer.state}` : 'no consumer zone');
  });
  await run.finish();
  return {
    guid: lu.guid,
    zvol: lu.zvol,
    snapshot: plan.snapshot,
    destroyed,
    views: lu.views.length,
    ...(consumer && { consumer: { zone: consumer.zone, host: consumer.host, state: consumer.state } }),
    hostDataInitialized,
  };
}
