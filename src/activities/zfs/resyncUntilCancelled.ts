import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, NON_RETRYABLE_TYPES } from '../../contracts/failureTypes';
import { isActivityProgress, type ActivityProgress } from '../../contracts/progress';
import type { HostPool } from '../../hosts/host';
import { InvalidArgumentError } from '../../solaris';
import { toActivityFailure } from '../failures';
import { reportProgress, wrapProgress } from '../heartbeat';
import type { HostDirectory } from '../hostDirectory';
import type { CommonRounds } from './commonRound';
import { pruneToLatestCommonRound } from './pruneRounds';
import { resyncRound, type ResyncRoundArgs } from './resyncRound';

export interface ResyncArgs extends ResyncRoundArgs {
  /** Pause between the end of one round and the start of the next. */
  everySeconds: number;
  /** ISO 8601 time after which no round starts: the activity then returns. */
  until: string;
}

/**
 * What the loop heartbeats: the generic activity progress (`zmig watch` draws it), the bytes of the
 * current (or last) round so far, plus the round count a retry reads back to go on where it was.
 */
export interface ResyncHeartbeat extends ActivityProgress {
  /** Rounds completed since the loop began. */
  rounds: number;
  /** The round being sent, if one is. */
  round?: number;
  /** Rounds that failed on a transient error (a dropped link, a stopped command) and were skipped. */
  failedRounds: number;
  lastFailure?: string;
}

export interface ResyncResult {
  rounds: number;
  failedRounds: number;
  stoppedBy: 'deadline' | 'cancel';
}

/**
 * The cutover gate's wait-and-resync loop as one activity, so the workflow's history does not grow
 * with the gate's length (one scheduled/started/completed triple, heartbeats add no events) and
 * each dataset keeps one snapshot of ours per side (two during a round). Every `everySeconds` a
 * round (resyncRound) until `until`, then it returns. A cancel from the workflow (the operator
 * approved) stops the running round, discards what it left (pruneToLatestCommonRound: the cut
 * receive's datasets, the source's new snapshot) and returns. A round cut by a transient failure
 * (a dropped link, a host away for maintenance) is counted and skipped, not retried as the whole
 * activity: a gate that waits for days would otherwise spend the attempts of its retry policy.
 *
 * Delivery of that return (@temporalio 1.24, read in node_modules): the worker reports a value an
 * activity returns after a cancel as completed (worker/src/activity.ts `run`: `completed` whenever
 * the function returns), the server accepts it, and core's activity state machine with
 * WAIT_CANCELLATION_COMPLETED takes StartedActivityCancelEventRecorded --ActivityTaskCompleted-->
 * Completed and resolves the workflow's promise with the value (sdk-core
 * activity_state_machine.rs, notify_if_not_already_cancelled); TRY_CANCEL would have rejected it
 * with a CancelledFailure at the request and dropped the value (test/e2e/sdk-cancelDelivery.test.ts
 * pins this). Even so the workflow must not depend on the result: a cancel that reaches the
 * activity before it started ends it as ActivityTaskCanceled (a CancelledFailure, nothing ran),
 * and a clean-up that fails is a failure.
 * After the gate the workflow asks `latestCommonRound` (or prunes with pruneToLatestCommonRound,
 * which returns the same) for the final sync's base.
 *
 * Only a cancel the workflow asked for is an approval: a worker shutdown, timeout, pause or reset
 * rethrows, so the server retries or reports it; the next attempt's first prune clears the round
 * it cut.
 */
export async function resyncUntilCancelled(
  pool: HostPool,
  directory: HostDirectory,
  a: ResyncArgs,
): Promise<ResyncResult> {
  const until = Date.parse(a.until);
  if (!Number.isFinite(until))
    throw new InvalidArgumentError(`invalid until ${JSON.stringify(a.until)}: not an ISO 8601 time`);
  if (!(Number.isFinite(a.everySeconds) && a.everySeconds > 0))
    throw new InvalidArgumentError(`invalid everySeconds ${a.everySeconds}: must be above 0`);
  const ctx = Context.current();
  const signal = ctx.cancellationSignal;
  const before = ctx.info.heartbeatDetails as Partial<ResyncHeartbeat> | undefined;
  const state: { rounds: number; failedRounds: number; lastFailure?: string; round?: number; bytes: number } = {
    rounds: countFrom(before?.rounds),
    failedRounds: countFrom(before?.failedRounds),
    bytes: 0,
  };
  wrapProgress((inner): ResyncHeartbeat => {
    const transfer = isActivityProgress(inner) ? inner : undefined;
    const doing =
      state.round === undefined
        ? `waiting to re-sync (${state.rounds} round(s) so far)`
        : `re-sync round ${state.round}${transfer ? `: ${transfer.label}` : ''}`;
    return {
      ...state,
      label: doing,
      bytes: state.bytes + (transfer?.bytes ?? 0),
      bytesPerSec: transfer?.bytesPerSec ?? 0,
    };
  });
  const onSent = (bytes: number) => {
    // The finished transfer's own count leaves the beat before its total joins the round's.
    reportProgress(undefined);
    state.bytes += bytes;
  };
  const result = (stoppedBy: ResyncResult['stoppedBy']): ResyncResult => ({
    rounds: state.rounds,
    failedRounds: state.failedRounds,
    stoppedBy,
  });
  try {
    let common: CommonRounds | undefined = await pruneToLatestCommonRound(pool, a);
    while (Date.now() < until) {
      await sleep(Math.min(a.everySeconds * 1000, until - Date.now()), undefined, { signal });
      if (Date.now() >= until) break;
      try {
        // After a failed round, first clear what it left (as a retried attempt would).
        common ??= await pruneToLatestCommonRound(pool, a);
        state.round = common.nextRound;
        state.bytes = 0;
        reportProgress(undefined);
        common = await resyncRound(pool, directory, a, common, onSent);
        state.rounds++;
      } catch (err) {
        // A gate waits for days: a dropped link or a host rebooting costs a round, not the migration.
        if (signal.aborted || !isTransient(err)) throw err;
        state.failedRounds++;
        state.lastFailure = err instanceof Error ? err.message : String(err);
        common = undefined;
      } finally {
        state.round = undefined;
        reportProgress(undefined);
      }
    }
    return result('deadline');
  } catch (err) {
    if (!signal.aborted || !ctx.cancellationDetails?.cancelRequested) throw err;
    // The activity's own signal is aborted: the clean-up runs on one of its own. A link that drops
    // now leaves the cut round to the workflow's prune after the gate, which is retried.
    await pruneToLatestCommonRound(pool, a, { signal: new AbortController().signal }).catch((cleanup: unknown) => {
      if (!isTransient(cleanup)) throw cleanup;
    });
    return result('cancel');
  }
}

/** Whether a round's failure is one a later round can get past: what the retry policy would retry. */
function isTransient(err: unknown): boolean {
  const failure = toActivityFailure(err);
  return failure instanceof ApplicationFailure
    ? !failure.nonRetryable && !NON_RETRYABLE_TYPES.includes(failure.type as FailureType)
    : false;
}

function countFrom(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}
