/** Output from a host command that does not match any format we know. Never retryable. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    readonly command: string,
    readonly line: string,
    readonly reason: string,
  ) {
    super(`${command}: cannot parse ${JSON.stringify(line)}: ${reason}`);
  }
}

/** A value zmig refuses to put on a command line (a quote in a zonecfg value, a bad name). Never retryable. */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError';
}
