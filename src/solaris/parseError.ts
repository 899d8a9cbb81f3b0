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
