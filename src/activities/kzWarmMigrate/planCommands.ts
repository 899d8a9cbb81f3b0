import { zoneadmAttach, zoneadmBoot, zoneadmDetach, zoneadmSuspend, zonecfgDelete, zonecfgImport } from '../../solaris';
import type { KzWarmMigrateInput } from '../../contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlan } from '../../contracts/kzWarmMigrate/plan';
import type { KzWarmMigrateStepId } from '../../contracts/kzWarmMigrate/steps';
import type { PlannedCommand } from '../../contracts/plannedCommand';
import { showCommand } from '../commandRunner';

/**
 * The commands each mutating step of a warm migration runs, built with the activities' own
 * builders, in the order the run issues them, for `zmig plan`.
 */
export async function planKzWarmMigrateCommands(a: {
  input: KzWarmMigrateInput;
  plan: KzWarmMigratePlan;
}): Promise<PlannedCommand[]> {
  const { input, plan } = a;
  const { zone, source, target } = input;
  const out: PlannedCommand[] = [];
  const add = (step: KzWarmMigrateStepId, host: string, argv: readonly string[], more: Partial<PlannedCommand> = {}) =>
    out.push({ step, host, command: showCommand(argv), ...more });
  add('configure', target, zonecfgImport(zone), {
    command: `${showCommand(zonecfgImport(zone))} < the zmig marker, then ${source}'s zonecfg export (key included, read inside the step; read back and compared)`,
  });
  if (plan.sourceState === 'running') add('suspend', source, zoneadmSuspend(zone));
  add('detach-source', source, zoneadmDetach(zone));
  add('attach-target', target, zoneadmAttach(zone));
  add('boot-target', target, zoneadmBoot(zone));
  if (input.sourcePolicy === 'delete-config') add('finalize', source, zonecfgDelete(zone));
  return out;
}
