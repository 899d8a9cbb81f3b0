import { workflowInfo } from '@temporalio/workflow';
import { kzWarmMigrateInputSchema, type KzWarmMigrateRequest } from '../contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlan } from '../contracts/kzWarmMigrate/plan';
import {
  kzWarmMigrateDetailLines,
  type KzWarmMigrateDetail,
  type KzWarmMigrateResult,
} from '../contracts/kzWarmMigrate/result';
import { KZ_WARM_MIGRATE_STEPS } from '../contracts/kzWarmMigrate/steps';
import { steps as act, undos as undo } from './runner/activityOptions';
import { parseWorkflowInput } from './runner/parseWorkflowInput';
import { ProcedureRun } from './runner/procedureRun';
import { zoneMoveIdentity } from '../contracts/identity';

/**
 * kzWarmMigrate: a Kernel Zone to another host on shared storage by suspend, detach, attach and
 * boot (which resumes it): the guest keeps its memory, the outage lasts the suspend and the resume
 * (docs/kzWarmMigrate.md).
 */
export async function kzWarmMigrate(request: KzWarmMigrateRequest): Promise<KzWarmMigrateResult> {
  const input = parseWorkflowInput(kzWarmMigrateInputSchema, request);
  const { zone, source, target } = input;
  const migrationId = workflowInfo().runId;
  const detail: KzWarmMigrateDetail = {};
  const run = new ProcedureRun(
    zoneMoveIdentity('kzWarmMigrate', input),
    KZ_WARM_MIGRATE_STEPS,
    detail,
    kzWarmMigrateDetailLines,
  );

  let plan: KzWarmMigratePlan;
  let downSince = Date.now();
  try {
    // 1. Read-only preflight: the zone, its storage as both hosts see it, the target's room.
    plan = await run.step(
      'preflight',
      () => act.preflightKzWarmMigrate(input, `preflight ${zone}: ${source} → ${target} (read-only)`),
      (p) => `${p.sourceState}, ${p.devices.length} shared disk(s)`,
    );

    // 2. The configuration, key included, to the target: copied inside one activity, never through history.
    run.undo(`delete zone configuration ${zone} on ${target}`, () =>
      undo.deleteTargetZoneConfig({ target, zone, migrationId }, `zonecfg delete ${zone} on ${target}`),
    );
    await run.step('configure', () =>
      act.copyZoneConfigWithKey(
        { source, target, zone, migrationId },
        `zonecfg export ${zone} on ${source} → ${target}`,
      ),
    );

    // 3. Suspend: the guest's memory goes to the shared suspend image. Downtime starts.
    if (plan.sourceState === 'running') {
      run.undo(`boot zone ${zone} on ${source} (resumes it)`, () =>
        undo.bootZone(
          { host: source, zone, timeoutSeconds: input.bootTimeoutSeconds },
          `zoneadm boot ${zone} on ${source} (resume)`,
        ),
      );
      downSince = Date.now();
      detail.downSince = new Date(downSince).toISOString();
      await run.step('suspend', () =>
        act.suspendZone(
          { host: source, zone, timeoutSeconds: input.suspendTimeoutSeconds },
          `zoneadm suspend ${zone} on ${source}`,
        ),
      );
    } else {
      detail.suspendedBeforeRun = true;
      run.skip('suspend', 'zone was already suspended');
    }

    // 4. Detach the source: it stops claiming the shared storage.
    run.undo(`attach zone ${zone} on ${source} again`, () =>
      undo.reattachKernelZone({ source, target, zone, migrationId }, `zoneadm attach ${zone} on ${source}`),
    );
    await run.step('detach-source', () =>
      act.detachZone({ host: source, zone }, `zoneadm detach ${zone} on ${source}`),
    );

    // 5. Attach on the target: its key opens the host data, and the zone shows as suspended there.
    run.undo(`detach zone ${zone} on ${target}`, () =>
      undo.detachZone({ host: target, zone }, `zoneadm detach ${zone} on ${target}`),
    );
    await run.step('attach-target', () =>
      act.attachKernelZone({ host: target, zone, expectSuspended: true }, `zoneadm attach ${zone} on ${target}`),
    );

    // 6. Boot = resume on the target. Downtime ends. POINT OF NO RETURN once it runs.
    run.undo(`suspend zone ${zone} on ${target} again`, () =>
      undo.suspendZone(
        { host: target, zone, timeoutSeconds: input.suspendTimeoutSeconds, ifRunning: true },
        `zoneadm suspend ${zone} on ${target}`,
      ),
    );
    await run.step('boot-target', () =>
      act.bootZone(
        {
          host: target,
          zone,
          timeoutSeconds: input.bootTimeoutSeconds,
          milestone: input.milestone || undefined,
        },
        `zoneadm boot ${zone} on ${target} (resume) and verify`,
      ),
    );
    detail.downtimeMs = Date.now() - downSince;
    detail.downSince = undefined;
    run.pointOfNoReturn();
  } catch (err) {
    throw await run.rollBack(err);
  }

  // 7. Past the point of no return: failures here are reported, never rolled back.
  await run.step(
    'finalize',
    async () => {
      await run.bestEffort('finalize source', () =>
        act.finalizeKzSource(
          { source, zone, policy: input.sourcePolicy },
          `finalize ${zone} on ${source}: ${input.sourcePolicy}`,
        ),
      );
      const { warnings } = run.bestEffortOutcome;
      return warnings.length ? `${warnings.length} warning(s)` : 'clean';
    },
    (r) => r,
  );
  await run.finish();
  const { finalized, warnings } = run.bestEffortOutcome;
  return {
    zone,
    source,
    target,
    downtimeMs: detail.downtimeMs ?? 0,
    suspendedBeforeRun: detail.suspendedBeforeRun ?? false,
    finalized,
    warnings,
  };
}
