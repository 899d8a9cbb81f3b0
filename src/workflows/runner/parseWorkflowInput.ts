import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';

/** Validates a workflow's input on entry; bad input fails the run at once (never retried). */
export function parseWorkflowInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw ApplicationFailure.create({
    type: 'InvalidInput',
    message: `invalid input: ${where}${issue?.message ?? 'rejected'}`,
    nonRetryable: true,
  });
}
