import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import { isActivityProgress, type ActivityProgress } from '../../contracts/progress';
import type { HostPool } from '../../hosts/host';
import { InvalidArgumentError } from '../../solaris';
import { reportProgress, wrapProgress } from '../heartbeat';
import type { HostDirectory } from '../hostDirectory';
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
}

export interface ResyncResult {
  rounds: number;
  stoppedBy: 'deadline' | 'cancel';
}

/**
 * The cutover gate's wait-and-resync loop as one activity, so the workflow's history does not grow
 * with the gate's length (one scheduled/started/completed triple, heartbeats add no events) and
 * each dataset keeps one snapshot of ours per side (two during a round). Every `everySeconds` a
 * round (resyncRound) until `until`, then it returns. A cancel from the workflow (the operator
 * approved) stops the running round, discards what it left (pruneToLatestCommonRound: the cut
 * receive's datasets, the source's new snapshot) and returns.
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
  const state: { rounds: number; round?: number; bytes: number } = {
    rounds: roundsBefore(ctx.info.heartbeatDetails),
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
  try {
    let common = await pruneToLatestCommonRound(pool, a);
    while (Date.now() < until) {
      await sleep(Math.min(a.everySeconds * 1000, until - Date.now()), undefined, { signal });
      if (Date.now() >= until) break;
      state.round = common.nextRound;
      state.bytes = 0;
      reportProgress(undefined);
      common = await resyncRound(pool, directory, a, common, onSent);
      state.rounds++;
      state.round = undefined;
      reportProgress(undefined);
    }
    return { rounds: state.rounds, stoppedBy: 'deadline' };
  } catch (err) {
    if (!signal.aborted || !ctx.cancellationDetails?.cancelRequested) throw err;
    // The activity's own signal is aborted: the clean-up runs on one of its own.
    await pruneToLatestCommonRound(pool, a, { signal: new AbortController().signal });
    return { rounds: state.rounds, stoppedBy: 'cancel' };
  }
}

function roundsBefore(details: unknown): number {
  const rounds = (details as Partial<ResyncHeartbeat> | undefined)?.rounds;
  return typeof rounds === 'number' && Number.isInteger(rounds) && rounds >= 0 ? rounds : 0;
}
