import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { temporalAddress } from './workerRig';
import { ZMIG } from './zmigCli';

/** `zmig worker` as its own process, as an operator runs it, so SIGKILL is a real crash. */
export function workerProcess(inventory: string, taskQueue: string): ChildProcess {
  return spawn(process.execPath, [ZMIG, 'worker', '--inventory', inventory, '--task-queue', taskQueue], {
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Stops a worker process with `signal` (SIGKILL: a crash) and waits for it to exit. */
export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

/** The attempt on which the first scheduled `activity` of a history started. */
export function attemptOf(events: readonly Record<string, unknown>[], activity: string): number | undefined {
  type Ev = {
    eventId?: unknown;
    activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
    activityTaskStartedEventAttributes?: { scheduledEventId?: unknown; attempt?: number };
  };
  const all = events as Ev[];
  const scheduled = all.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity);
  return all.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled?.eventId))
    ?.activityTaskStartedEventAttributes?.attempt;
}
