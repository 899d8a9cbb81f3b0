import { workflowInfo } from '@temporalio/workflow';
import type { PlannedCommand } from '../activities/coldMove/planCommands';
import type { ColdMovePlan } from '../activities/coldMove/plan';
import { steps as act } from './activityOptions';
import { coldMoveInputSchema, type ColdMoveRequest } from './coldMoveInput';
import { parseWorkflowInput } from './parseWorkflowInput';
import { snapshotPrefix } from '../migrationNaming';

/** `zmig plan cold-move`: read-only preflight plus the exact commands each step would run. Changes nothing. */
export async function planColdMove(request: ColdMoveRequest): Promise<{ plan: ColdMovePlan; commands: PlannedCommand[] }> {
  const input = parseWorkflowInput(coldMoveInputSchema, request);
  const plan = await act.preflightColdMove(input);
  const migrationId = workflowInfo().runId;
  const commands = await act.planColdMoveCommands({ input, plan, migrationId, snapPrefix: snapshotPrefix(migrationId) });
  return { plan, commands };
}
