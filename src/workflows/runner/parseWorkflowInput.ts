import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { FailureType } from '../../contracts/failureTypes';

/** Validates a workflow's input on entry; bad input fails the run at once (never retried). */
export function parseWorkflowInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw ApplicationFailure.create({
    type: FailureType.InvalidInput,
    message: `invalid input: ${where}${issue?.message ?? 'rejected'}`,
    nonRetryable: true,
  });
}
