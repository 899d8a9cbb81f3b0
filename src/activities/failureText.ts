/**
 * Text that goes into a failure is stored in workflow history (2 MB per payload at most) and shown
 * by `zmig watch`: a command can print megabytes of stderr. Keep its head and tail.
 */
export const FAILURE_TEXT_LIMIT = 4096;

/** `text` if short enough, else its first and last 2 KiB around a note of how much was left out. */
export function capText(text: string): string {
  if (text.length <= FAILURE_TEXT_LIMIT) return text;
  const half = FAILURE_TEXT_LIMIT / 2;
  const left = text.length - 2 * half;
  return `${text.slice(0, half)}\n… ${left} characters of ${text.length} left out …\n${text.slice(-half)}`;
}
