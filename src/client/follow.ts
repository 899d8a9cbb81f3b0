import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { setTimeout as delay } from 'node:timers/promises';
import { progressQuery } from '../contracts/messages';
import type { ProcedureProgress } from '../contracts/progress';
import { procedureOfWorkflow } from './procedures/registry';
import { runningActivityProgress } from './render/heartbeats';
import { WatchView } from './render/watchView';

export interface FollowOutcome {
  status: string;
  result?: unknown;
  error?: string;
}

/** 0 for a run that completed (or that the operator detached from), 1 otherwise. */
export function exitCodeOf(outcome: FollowOutcome): number {
  return outcome.status === 'COMPLETED' || outcome.status === 'DETACHED' ? 0 : 1;
}

/**
 * Follows a procedure run until it closes, drawing progress; Ctrl-C detaches (the run goes on:
 * watching never cancels). JSON mode prints one progress object per change instead.
 */
export async function followMigration(
  handle: WorkflowHandle,
  opts: { json?: boolean; pollMs?: number } = {},
): Promise<FollowOutcome> {
  const first = await handle.describe();
  const procedure = procedureOfWorkflow(first.type);
  const view = opts.json ? undefined : new WatchView(procedure?.detailLines);
  let detached = false;
  const onSigint = () => {
    detached = true;
  };
  process.once('SIGINT', onSigint);
  let lastJson = '';
  try {
    for (let desc = first; ; desc = await handle.describe()) {
      const progress = await handle.query(progressQuery).catch(() => undefined as ProcedureProgress | undefined);
      if (progress) {
        if (view) view.update(progress, desc.status.name === 'RUNNING' ? runningActivityProgress(desc) : undefined);
        else {
          const json = JSON.stringify(progress);
          if (json !== lastJson) process.stdout.write(`${json}\n`);
          lastJson = json;
        }
      }
      if (desc.status.name !== 'RUNNING') return await outcome(handle, desc.status.name, view, procedure?.resultLines);
      if (detached) {
        view?.line(`detached; the migration continues. Follow it again with: zmig watch ${handle.workflowId}`);
        return { status: 'DETACHED' };
      }
      await delay(opts.pollMs ?? 500);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    view?.close();
  }
}

async function outcome(
  handle: WorkflowHandle,
  status: string,
  view?: WatchView,
  resultLines?: (result: unknown) => string[],
): Promise<FollowOutcome> {
  try {
    const result: unknown = await handle.result();
    if (view && result !== undefined) for (const line of resultLines?.(result) ?? []) view.line(line);
    return { status, result };
  } catch (err) {
    const error =
      err instanceof WorkflowFailedError
        ? (err.cause?.message ?? err.message)
        : err instanceof Error
          ? err.message
          : String(err);
    view?.line(`${status === 'CANCELED' || status === 'CANCELLED' ? 'cancelled' : 'failed'}: ${error}`);
    return { status, error };
  }
}
