/**
 * Text for the operator's terminal. Host stderr and zone config values reach `watch`, `status` and
 * `plan`; printed raw, an escape sequence in them could rewrite the screen or retitle the terminal.
 * Control characters other than newline and tab are shown escaped (`\x1b`).
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const control = (code < 0x20 && ch !== '\n' && ch !== '\t') || (code >= 0x7f && code < 0xa0);
    out += control ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/** console.log for text that may carry host output. */
export function say(text: string): void {
  process.stdout.write(`${printable(text)}\n`);
}
