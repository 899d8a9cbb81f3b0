export interface CommandLogEntry {
  host: string;
  line: string;
  /** null while running, when aborted (channel closed), or never answered (hang, dropped connection). */
  exitCode: number | null;
  /** False once the command has stopped, whether it exited or was aborted. */
  running: boolean;
}
