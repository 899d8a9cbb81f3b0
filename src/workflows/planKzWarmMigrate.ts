import { kzWarmMigrateInputSchema, type KzWarmMigrateRequest } from '../contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlanResult } from '../contracts/kzWarmMigrate/plan';
import { steps as act } from './runner/activityOptions';
import { parseWorkflowInput } from './runner/parseWorkflowInput';

/** `zmig plan kz-warm-migrate`: read-only preflight plus the commands each step would run. Changes nothing. */
export async function planKzWarmMigrate(request: KzWarmMigrateRequest): Promise<KzWarmMigratePlanResult> {
  const input = parseWorkflowInput(kzWarmMigrateInputSchema, request);
  const plan = await act.preflightKzWarmMigrate(input);
  const commands = await act.planKzWarmMigrateCommands({ input, plan });
  return { plan, commands };
}
