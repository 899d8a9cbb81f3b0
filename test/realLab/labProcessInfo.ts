import { readFileSync } from 'node:fs';
import type { LabHost } from './labHost';

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** The first process of the host's namespace whose command line matches, if any. */
export function findProcess(host: LabHost, pattern: RegExp): number | undefined {
  return host.pids().find((pid) => pattern.test(commandLine(pid)));
}

/** Bytes a process has read so far (`rchar` of /proc/<pid>/io); 0 once it is gone. */
export function bytesRead(pid: number): number {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
