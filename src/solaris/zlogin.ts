/** Runs a command inside a running zone; zlogin exits with the command's own status. */
export function zloginRun(zone: string, argv: readonly string[]): readonly string[] {
  return ['zlogin', zone, ...argv];
}

/** `init 5` is the graceful power-off the seed uses; `init 0`/`6` halt or reboot the same way. */
export function zloginInit(zone: string, level: 0 | 5 | 6): readonly string[] {
  return zloginRun(zone, ['init', String(level)]);
}
