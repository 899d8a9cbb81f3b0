/**
 * Application failure types that are final: retrying cannot help. Shared by activities (which
 * throw them, through toActivityFailure) and workflows (whose retry policies list them); pure, so
 * the workflow bundle can import it.
 */
export const NON_RETRYABLE_TYPES = [
  'CommandFailed',
  'PreconditionFailed',
  'HostKeyMismatch',
  'UnknownHost',
  'InvalidInput',
  'InventoryInvalid',
  'ParseError',
  'OutputLimit',
];
