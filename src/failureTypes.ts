/**
 * Application failure types that are final: retrying cannot help. Shared by activities (which
 * throw them) and workflows (whose retry policies list them); pure, so the workflow bundle can import it.
 */
export const NON_RETRYABLE_TYPES = ['CommandFailed', 'PreconditionFailed', 'HostKeyMismatch', 'UnknownHost', 'InvalidInput'];
