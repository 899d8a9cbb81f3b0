import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { setTimeout as delay } from 'node:timers/promises';
import { progressQuery } from '../workflows/messages';
import type { MigrationProgress } from '../workflows/progress';
import { runningTransfer } from './render/heartbeats';
import { WatchView } from './render/watchView';
import { formatSeconds } from './render/formatting';

export interface FollowOutcome {
  status: string;
  result?: unknown;
  error?: string;
}

/**
 * Follows a migration until it closes, drawing progress; Ctrl-C detaches (the migration goes on:
 * watching never cancels). JSON mode prints one progress object per change instead.
 */
export async function followMigration(handle: WorkflowHandle, opts: { json?: boolean; pollMs?: number } = {}): Promise<FollowOutcome> {
  const view = opts.json ? undefined : new WatchView();
  let detached = false;
  const onSigint = () => {
    detached = true;
  };
  process.once('SIGINT', onSigint);
  let lastJson = '';
  try {
    for (;;) {
      const desc = await handle.describe();
      const progress = await handle.query(progressQuery).catch(() => undefined as MigrationProgress | undefined);
      if (progress) {
        if (view) view.update(progress, desc.status.name === 'RUNNING' ? runningTransfer(desc) : undefined);
        else {
          const json = JSON.stringify(progress);
          if (json !== lastJson) process.stdout.write(`${json}\n`);
          lastJson = json;
        }
      }
      if (desc.status.name !== 'RUNNING') return await outcome(handle, desc.status.name, view);
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

async function outcome(handle: WorkflowHandle, status: string, view?: WatchView): Promise<FollowOutcome> {
  try {
    const result = (await handle.result()) as { downtimeMs?: number; warnings?: string[] } | undefined;
    if (view && result) {
      if (typeof result.downtimeMs === 'number') view.line(`measured downtime: ${formatSeconds(result.downtimeMs)}`);
      for (const w of result.warnings ?? []) view.line(`warning: ${w}`);
    }
    return { status, result };
  } catch (err) {
    const error = err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : err instanceof Error ? err.message : String(err);
    view?.line(`${status === 'CANCELED' || status === 'CANCELLED' ? 'cancelled' : 'failed'}: ${error}`);
    return { status, error };
  }
}
