import { ApplicationFailure } from '@temporalio/common';
import { CommandAbortedError, HostKeyMismatchError, HostUnreachableError } from '../hosts/errors';

export interface FailedCommand {
  host: string;
  command: string;
  exitCode: number;
  stderr: string;
}

/**
 * A host command exited non-zero where success was required; carries what an operator needs.
 * Whether it is final is the caller's retry policy: forward steps list the type as non-retryable,
 * undos retry it a few times.
 */
export function commandFailed(f: FailedCommand): ApplicationFailure {
  const stderr = f.stderr.trim();
  return ApplicationFailure.create({
    type: 'CommandFailed',
    message: `${f.host}: \`${f.command}\` exited ${f.exitCode}${stderr ? `: ${stderr}` : ''}`,
    details: [f],
  });
}

/** A read-only check found the hosts not fit for the step. */
export function preconditionFailed(message: string, problems: string[] = []): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'PreconditionFailed',
    message: problems.length ? `${message}: ${problems.join('; ')}` : message,
    nonRetryable: true,
    details: [{ problems }],
  });
}

/**
 * Maps transport errors to what Temporal should do with them: a dropped link is retried, a
 * wrong host key never is; anything else passes through unchanged.
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof HostKeyMismatchError) {
    return ApplicationFailure.create({ type: 'HostKeyMismatch', message: err.message, nonRetryable: true });
  }
  if (err instanceof HostUnreachableError) {
    return ApplicationFailure.create({ type: 'HostUnreachable', message: err.message, nonRetryable: false });
  }
  if (err instanceof CommandAbortedError) {
    return ApplicationFailure.create({ type: 'CommandAborted', message: err.message, nonRetryable: false });
  }
  if (err instanceof Error && err.name === 'UnknownHostError') {
    return ApplicationFailure.create({ type: 'UnknownHost', message: err.message, nonRetryable: true });
  }
  return err;
}
