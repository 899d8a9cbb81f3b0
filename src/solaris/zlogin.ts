import { zoneArg } from './commandArgs';
import { quoteArg } from '../hosts/quote';

/**
 * Runs a command inside a running zone; zlogin exits with the command's own status. zlogin joins
 * its arguments with spaces and hands them to `su root -c` in the zone (illumos zlogin.c
 * `prep_args`), so per-argument quoting is lost: the command goes as one word of quoted words.
 */
export function zloginRun(zone: string, argv: readonly string[]): readonly string[] {
  return ['zlogin', zoneArg(zone), argv.map(quoteArg).join(' ')];
}

/** `init 5` is the graceful power-off the cold-move write-up uses (docs/procedures.md#coldmove); `init 0`/`6` halt or reboot the same way. */
export function zloginInit(zone: string, level: 0 | 5 | 6): readonly string[] {
  return zloginRun(zone, ['init', String(level)]);
}
