export interface CommandLogEntry {
  host: string;
  line: string;
  /** null while running, or when the command never finished (hang, dropped connection). */
  exitCode: number | null;
}
