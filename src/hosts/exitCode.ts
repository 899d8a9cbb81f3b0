import { constants } from 'node:os';

/** Shell convention for a command killed by a signal: 128 + the signal number. */
export function signalExitCode(signal: string): number {
  const name = (signal.startsWith('SIG') ? signal : `SIG${signal}`) as keyof typeof constants.signals;
  return 128 + (constants.signals[name] ?? 0);
}
