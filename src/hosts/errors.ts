/** The transport failed (connection refused, dropped, timed out): retrying may help. */
export class HostUnreachableError extends Error {
  override readonly name = 'HostUnreachableError';
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(`${host}: ${message}`);
  }
}

/** The host presented a key that does not match the inventory: never retry, never proceed. */
export class HostKeyMismatchError extends Error {
  override readonly name = 'HostKeyMismatchError';
  constructor(
    readonly host: string,
    readonly presentedFingerprint: string,
  ) {
    super(`${host}: host key mismatch (presented ${presentedFingerprint}); refusing to connect`);
  }
}

/** The command was stopped because its AbortSignal fired. */
export class CommandAbortedError extends Error {
  override readonly name = 'CommandAbortedError';
  constructor(
    readonly host: string,
    readonly command: string,
  ) {
    super(`${host}: command aborted: ${command}`);
  }
}

/** The inventory (or a file it names) is unreadable or invalid: fix the configuration, retrying cannot help. */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';
}

/** A host name that the inventory does not define. */
export class UnknownHostError extends Error {
  override readonly name = 'UnknownHostError';
  constructor(
    readonly host: string,
    known: readonly string[],
  ) {
    super(`unknown host "${host}"; the inventory defines: ${known.length > 0 ? known.join(', ') : '(no hosts)'}`);
  }
}

/** A command printed more than the capture limit: it is stopped rather than buffered without bound. */
export class OutputLimitError extends Error {
  override readonly name = 'OutputLimitError';
  constructor(
    readonly host: string,
    readonly command: string,
    readonly limitBytes: number,
  ) {
    super(`${host}: output of "${command}" exceeded ${limitBytes} bytes; command stopped`);
  }
}

/** An argv that cannot become a command line (a NUL byte, nothing to run): a bug or a hostile caller, never retried. */
export class CommandArgumentError extends Error {
  override readonly name = 'CommandArgumentError';
}
