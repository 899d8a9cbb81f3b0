/** The transport failed (connection refused, dropped, timed out): retrying may help. */
export class HostUnreachableError extends Error {
  override readonly name = 'HostUnreachableError';
  constructor(readonly host: string, message: string) {
    super(`${host}: ${message}`);
  }
}

/** The host presented a key that does not match the inventory: never retry, never proceed. */
export class HostKeyMismatchError extends Error {
  override readonly name = 'HostKeyMismatchError';
  constructor(readonly host: string, readonly presentedFingerprint: string) {
    super(`${host}: host key mismatch (presented ${presentedFingerprint}); refusing to connect`);
  }
}

/** The command was stopped because its AbortSignal fired. */
export class CommandAbortedError extends Error {
  override readonly name = 'CommandAbortedError';
  constructor(readonly host: string, readonly command: string) {
    super(`${host}: command aborted: ${command}`);
  }
}
