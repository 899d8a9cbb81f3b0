import { ActivityCancellationType, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { Activities } from '../../activities';
import { FailureType, NON_RETRYABLE_TYPES } from '../../contracts/failureTypes';
import { HEARTBEAT_TIMEOUT_MS } from '../../contracts/heartbeatTimings';

const retry = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 8,
  nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
};

type Arg<K extends keyof Activities> = Parameters<Activities[K]>[0];
type Budget<K extends keyof Activities> = Duration | ((arg: Arg<K>) => Duration);

/** Margin over a step's own waits, for the commands around them (state reads, a retry's re-check). */
const MARGIN_SECONDS = 120;

/** A re-sync round is an incremental of a few minutes' writes: hours only on a badly stalled pool. */
const RESYNC_LAST_ROUND_SECONDS = 6 * 3600;

/**
 * What each step can really take, as its start-to-close timeout. These bound a step that is alive
 * but stuck; a dead worker is caught by the heartbeat timeout long before.
 */
const START_TO_CLOSE: { [K in keyof Activities]: Budget<K> } = {
  preflightColdMove: '5 minutes',
  planColdMoveCommands: '5 minutes',
  configureTargetZone: '5 minutes',
  deleteTargetZoneConfig: '5 minutes',
  createSnapshots: '5 minutes',
  // Destroying many snapshots or a large tree frees space synchronously: minutes on a busy pool.
  destroyOwnSnapshots: '30 minutes',
  destroyReceived: '30 minutes',
  finalizeSource: '30 minutes',
  // A full send of a multi-terabyte zone takes hours; the heartbeat carries its progress.
  transferSnapshot: '72 hours',
  // Until its deadline, then the round that started just before it and its prune.
  resyncUntilCancelled: (a: Arg<'resyncUntilCancelled'>) =>
    `${Math.ceil(Math.max(0, Date.parse(a.until) - Date.now() || 0) / 1000) + RESYNC_LAST_ROUND_SECONDS} seconds`,
  pruneToLatestCommonRound: '30 minutes',
  latestCommonRound: '5 minutes',
  // Its own graceful timeout, then (halt fallback) up to 60 s for the halt.
  shutdownZone: (a: Arg<'shutdownZone'>) => `${a.timeoutSeconds + 60 + MARGIN_SECONDS} seconds`,
  // Up to its timeout for `running`, then up to the same again for the milestone.
  bootZone: (a: Arg<'bootZone'>) => `${2 * a.timeoutSeconds + MARGIN_SECONDS} seconds`,
  haltZone: '5 minutes',
  detachZone: '10 minutes',
  // `attach -u` updates the zone's packages from the target's publishers: can take an hour.
  attachZone: (a: Arg<'attachZone'>) => (a.update ? '2 hours' : '30 minutes'),
  mountZonepath: '5 minutes',
  mountZoneRoot: '5 minutes',
  adoptZoneBootEnvironment: '5 minutes',
  preflightKzWarmMigrate: '5 minutes',
  planKzWarmMigrateCommands: '1 minute',
  copyZoneConfigWithKey: '5 minutes',
  // Writing a zone's whole memory out: its own timeout, then the commands around it.
  suspendZone: (a: Arg<'suspendZone'>) => `${a.timeoutSeconds + MARGIN_SECONDS} seconds`,
  attachKernelZone: '30 minutes',
  reattachKernelZone: '30 minutes',
  finalizeKzSource: '5 minutes',
  preflightIscsiLuRollback: '5 minutes',
  planIscsiLuRollbackCommands: '1 minute',
  deleteLu: '5 minutes',
  // Rolling back a large zvol frees the newer blocks synchronously: minutes on a busy pool.
  rollbackZvol: '30 minutes',
  importLu: '5 minutes',
  restoreViews: '5 minutes',
  reinstateLu: '10 minutes',
  attachKernelZoneRenewingHostData: '30 minutes',
};

/**
 * Forward steps. On cancel the workflow waits for the running step to stop its remote command
 * (the heartbeat delivers the cancel within a second) before any undo runs, so an undo never races
 * the step it undoes.
 */
const forward: ActivityOptions = {
  heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
};

/**
 * Undos retry even a failed command (a dataset still busy, a zone still shutting down): a bounded
 * number of times, then the saga reports the state they leave.
 */
const compensation: ActivityOptions = {
  heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
  retry: {
    ...retry,
    maximumAttempts: 4,
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES.filter((t) => t !== FailureType.CommandFailed),
  },
};

/** Each activity called with one argument and an optional summary shown in the UI. */
export type StepCalls = { [K in keyof Activities]: (arg: Arg<K>, summary?: string) => ReturnType<Activities[K]> };

/**
 * Steps that wait for days (the cutover gate) outlive any count of transient failures (a dropped
 * connection, a host rebooted for maintenance): they retry without a count, for as long as their
 * own budget, and each attempt goes on from its last heartbeat.
 */
const RETRIED_UNTIL_BUDGET: ReadonlySet<keyof Activities> = new Set(['resyncUntilCancelled']);

/** The options of one call: the kind's policy with the step's own start-to-close timeout. */
function optionsFor<K extends keyof Activities>(base: ActivityOptions, name: K, arg: Arg<K>): ActivityOptions {
  const budget: Budget<K> = START_TO_CLOSE[name];
  const startToCloseTimeout = typeof budget === 'function' ? budget(arg) : budget;
  if (!RETRIED_UNTIL_BUDGET.has(name)) return { ...base, startToCloseTimeout };
  return {
    ...base,
    startToCloseTimeout,
    scheduleToCloseTimeout: startToCloseTimeout,
    retry: { ...base.retry, maximumAttempts: Number.POSITIVE_INFINITY },
  };
}

function stepCalls(base: ActivityOptions): StepCalls {
  const call = <K extends keyof Activities>(name: K) => {
    return (arg: Arg<K>, summary?: string) => {
      const options = { ...optionsFor(base, name, arg), ...(summary ? { summary } : {}) };
      return (proxyActivities<Activities>(options)[name] as unknown as (a: Arg<K>) => ReturnType<Activities[K]>)(arg);
    };
  };
  const names = Object.keys(START_TO_CLOSE) as (keyof Activities)[];
  return Object.fromEntries(names.map((name) => [name, call(name)])) as StepCalls;
}

/** Forward steps, each with its own start-to-close timeout. */
export const steps = stepCalls(forward);
/** Undo steps: the same activities, retried even after a failed command. */
export const undos = stepCalls(compensation);
