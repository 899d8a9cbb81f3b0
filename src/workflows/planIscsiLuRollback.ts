import { iscsiLuRollbackInputSchema, type IscsiLuRollbackRequest } from '../contracts/iscsiLuRollback/input';
import type { IscsiLuRollbackPlanResult } from '../contracts/iscsiLuRollback/plan';
import { steps as act } from './runner/activityOptions';
import { parseWorkflowInput } from './runner/parseWorkflowInput';

/** `zmig plan iscsi-lu-rollback`: read-only preflight plus the commands each step would run. Changes nothing. */
export async function planIscsiLuRollback(request: IscsiLuRollbackRequest): Promise<IscsiLuRollbackPlanResult> {
  const input = parseWorkflowInput(iscsiLuRollbackInputSchema, request);
  const plan = await act.preflightIscsiLuRollback(input);
  const commands = await act.planIscsiLuRollbackCommands({ input, plan });
  return { plan, commands };
}
