/**
 * Every ApplicationFailure `type` zmig throws, in one place: activities throw them, workflows list
 * them in retry policies and end runs with them, and the CLI and tests read them back. Pure, so the
 * workflow bundle can import it.
 */
export const FailureType = {
  /** A host command exited non-zero where success was required. */
  CommandFailed: 'CommandFailed',
  /** A read-only check found the hosts not fit for the step. */
  PreconditionFailed: 'PreconditionFailed',
  HostKeyMismatch: 'HostKeyMismatch',
  HostUnreachable: 'HostUnreachable',
  /** A host command stopped before it finished (cancelled, or its link dropped). */
  CommandAborted: 'CommandAborted',
  UnknownHost: 'UnknownHost',
  InvalidInput: 'InvalidInput',
  InventoryInvalid: 'InventoryInvalid',
  /** Host output zmig cannot read. */
  ParseError: 'ParseError',
  /** Host output larger than zmig will buffer. */
  OutputLimit: 'OutputLimit',
  /** zoneadm refused because another zoneadm holds the zone: retried. */
  ZoneBusy: 'ZoneBusy',
  /** A relayed send moved no byte for too long: stopped and retried. */
  TransferStalled: 'TransferStalled',
  /** The cutover gate's deadline passed without approval, and the run was told to abort. */
  CutoverNotApproved: 'CutoverNotApproved',
  /** A run that failed or was cancelled, after its undos all ran. */
  MigrationFailed: 'MigrationFailed',
  /** A run that failed or was cancelled, and an undo still failed after its retries. */
  UndoIncomplete: 'UndoIncomplete',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/**
 * Failure types that are final: retrying cannot help. Activities mark them non-retryable when they
 * throw them (toActivityFailure); workflows' retry policies list them too.
 */
export const NON_RETRYABLE_TYPES: FailureType[] = [
  FailureType.CommandFailed,
  FailureType.PreconditionFailed,
  FailureType.HostKeyMismatch,
  FailureType.UnknownHost,
  FailureType.InvalidInput,
  FailureType.InventoryInvalid,
  FailureType.ParseError,
  FailureType.OutputLimit,
];
