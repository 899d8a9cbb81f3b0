import { ApplicationFailure } from '@temporalio/common';
import { FailureType, NON_RETRYABLE_TYPES } from '../contracts/failureTypes';
import {
  CommandAbortedError,
  CommandArgumentError,
  HostKeyMismatchError,
  HostUnreachableError,
  InventoryError,
  OutputLimitError,
  UnknownHostError,
} from '../hosts/errors';
import { InvalidArgumentError, ParseError } from '../solaris';
import { capText, FAILURE_TEXT_LIMIT } from './failureText';

export interface FailedCommand {
  host: string;
  command: string;
  exitCode: number;
  stderr: string;
}

/** sudo -n refusing a command the sudoers does not list for the login user (sudo's plugins/sudoers). */
const SUDO_REFUSED = /^sudo: (a password is required|.* is not allowed to execute )/m;

/** Whether a command's stderr is sudo refusing it: a sudoers line is missing, and no retry or wait helps. */
export function isPrivilegeRefusal(stderr: string): boolean {
  return SUDO_REFUSED.test(stderr);
}

/**
 * A host command exited non-zero where success was required; carries what an operator needs.
 * Whether it is final is the caller's retry policy: forward steps list the type as non-retryable,
 * undos retry it a few times.
 */

export function commandFailed(f: FailedCommand): ApplicationFailure {
  const hint = isPrivilegeRefusal(f.stderr)
    ? " (sudo does not allow this command for the login user: the README's privileges section lists the sudoers line)"
    : '';
  const stderr = capText(f.stderr.trim()) + hint;
  return ApplicationFailure.create({
    type: FailureType.CommandFailed,
    message: capText(`${f.host}: \`${f.command}\` exited ${f.exitCode}${stderr ? `: ${stderr}` : ''}`),
    details: [{ ...f, command: capText(f.command), stderr }],
  });
}

/** A read-only check found the hosts not fit for the step. */
export function preconditionFailed(message: string, problems: string[] = []): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.PreconditionFailed,
    message: problems.length ? `${message}: ${problems.join('; ')}` : message,
    nonRetryable: true,
    details: [{ problems }],
  });
}

/** Retryable unless its type is in NON_RETRYABLE_TYPES: the one list activities and workflows share. */
function failure(type: FailureType, message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message: capText(message),
    nonRetryable: NON_RETRYABLE_TYPES.includes(type),
  });
}

/**
 * The one place an activity's error becomes what Temporal should do with it, by class: a dropped
 * link or a stopped command is retried; a wrong host key, an unknown host, a broken inventory,
 * output zmig cannot read or will not buffer, or an argument it refuses to pass never are. Every
 * activity's errors pass through here (failureInterceptor); messages are capped for history.
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return capFailure(err);
  if (err instanceof HostKeyMismatchError) return failure(FailureType.HostKeyMismatch, err.message);
  if (err instanceof HostUnreachableError) return failure(FailureType.HostUnreachable, err.message);
  if (err instanceof CommandAbortedError) return failure(FailureType.CommandAborted, err.message);
  if (err instanceof UnknownHostError) return failure(FailureType.UnknownHost, err.message);
  if (err instanceof InventoryError) return failure(FailureType.InventoryInvalid, err.message);
  if (err instanceof OutputLimitError) return failure(FailureType.OutputLimit, err.message);
  if (err instanceof ParseError) return failure(FailureType.ParseError, err.message);
  if (err instanceof InvalidArgumentError || err instanceof CommandArgumentError)
    return failure(FailureType.InvalidInput, err.message);
  return err;
}

/** An ApplicationFailure as thrown, with its message and text details capped. */
function capFailure(err: ApplicationFailure): ApplicationFailure {
  if (
    err.message.length <= FAILURE_TEXT_LIMIT &&
    !(err.details ?? []).some((d) => JSON.stringify(d ?? null).length > FAILURE_TEXT_LIMIT)
  )
    return err;
  return ApplicationFailure.create({
    type: err.type ?? 'Error',
    message: capText(err.message),
    nonRetryable: err.nonRetryable ?? false,
    details: (err.details ?? []).map((d) =>
      JSON.stringify(d ?? null).length > FAILURE_TEXT_LIMIT ? capText(JSON.stringify(d)) : d,
    ),
  });
}
