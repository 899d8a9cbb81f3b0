import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Whether a pid names a live process; a zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function mountNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return undefined;
  }
}

/** Every process in the given process's mount namespace other than itself (sshd sessions, sudo, zfs). */
export function pidsInNamespaceOf(pid: number): number[] {
  const namespace = mountNamespace(pid);
  if (namespace === undefined) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((other) => other !== pid && mountNamespace(other) === namespace);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM, waits up to `graceMs` for the process to go, then SIGKILL. */
export async function stopPid(pid: number, graceMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < graceMs && isAlive(pid); waited += 50) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; waited < 5000 && isAlive(pid); waited += 50) await sleep(50);
}

/**
 * Spawns a long-lived lab process. `setpriv --pdeathsig` makes it die with the test process even
 * when that is killed outright, so a crashed run leaves no daemon behind.
 */
export function spawnTied(argv: readonly string[], opts: SpawnOptions = {}): ChildProcess {
  const [command, ...args] = ['setpriv', '--pdeathsig', 'KILL', '--', ...argv];
  return spawn(command!, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
}
