import { workflowInfo } from '@temporalio/workflow';
import { coldMoveInputSchema, type ColdMoveRequest } from '../contracts/coldMove/input';
import type { ColdMovePlanResult } from '../contracts/coldMove/plan';
import { snapshotPrefix } from '../contracts/migrationNaming';
import { steps as act } from './runner/activityOptions';
import { parseWorkflowInput } from './runner/parseWorkflowInput';

/** `zmig plan cold-move`: read-only preflight plus the exact commands each step would run. Changes nothing. */
export async function planColdMove(request: ColdMoveRequest): Promise<ColdMovePlanResult> {
  const input = parseWorkflowInput(coldMoveInputSchema, request);
  const plan = await act.preflightColdMove(input);
  const migrationId = workflowInfo().runId;
  const commands = await act.planColdMoveCommands({
    input,
    plan,
    migrationId,
    snapPrefix: snapshotPrefix(migrationId),
  });
  return { plan, commands };
}
