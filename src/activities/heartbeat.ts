import { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { HEARTBEAT_INTERVAL_MS } from '../contracts/heartbeatTimings';

/**
 * Every activity heartbeats from here, whatever it does: a worker that dies is noticed by the server
 * after the heartbeat timeout (see heartbeatTimings.ts), not after the step's start-to-close timeout.
 * The beat comes from the worker's own timer, not from command output, so a host command that
 * legitimately runs for minutes keeps beating while the worker lives.
 */

const progressOf = new WeakMap<Context, () => unknown>();
const wrapperOf = new WeakMap<Context, (inner: unknown) => unknown>();

/** What a beat of this activity carries now: the published progress, inside the wrapper if there is one. */
function details(ctx: Context): unknown {
  const inner = progressOf.get(ctx)?.();
  const wrap = wrapperOf.get(ctx);
  return wrap ? wrap(inner) : inner;
}

/**
 * Sets what this activity's heartbeats carry from now on (the server keeps only the latest
 * details, and a bare heartbeat would erase them, so every beat re-sends the current ones).
 * `read` is called at each beat, so a rate or a byte count is as fresh as the beat.
 */
export function publishProgress(read: () => unknown): void {
  const ctx = Context.current();
  progressOf.set(ctx, read);
  ctx.heartbeat(details(ctx));
}

/**
 * Puts everything this activity publishes from now on inside `wrap`: an activity that loops over
 * steps which publish their own progress (a transfer's bytes) beats its own state around theirs,
 * instead of the steps' progress replacing it.
 */
export function wrapProgress(wrap: (inner: unknown) => unknown): void {
  const ctx = Context.current();
  wrapperOf.set(ctx, wrap);
  ctx.heartbeat(details(ctx));
}

/** `publishProgress` for a value that only changes when the activity says so. */
export function reportProgress(details: unknown): void {
  publishProgress(() => details);
}

/**
 * The worker interceptor: beats at once and every `intervalMs` while the activity runs. The SDK
 * throttles what reaches the server to `maxHeartbeatThrottleInterval`; heartbeats never add history
 * events, the server only keeps the latest details.
 */
export function heartbeatInterceptor(intervalMs = HEARTBEAT_INTERVAL_MS): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const beat = () => ctx.heartbeat(details(ctx));
        beat();
        const timer = setInterval(beat, intervalMs);
        try {
          return await next(input);
        } finally {
          clearInterval(timer);
        }
      },
    },
  });
}
