/** Non-blank lines of command output, CR/LF tolerant (output may pass through a pty). */
export function outputLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}
