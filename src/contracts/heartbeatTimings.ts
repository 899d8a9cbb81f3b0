/**
 * One set of heartbeat figures for worker, activities and workflows (pure, so the workflow bundle
 * can import it).
 *
 * Every activity beats every second from the worker's own timer, whatever its host command is
 * doing, and the worker sends at most one heartbeat a second to the server (the throttle). The
 * server counts the worker as dead after ten missed beats: no false alarm from a slow RPC or a GC
 * pause, and a SIGKILLed worker costs about that long before the step is retried elsewhere. A dead
 * SSH link is not this timeout's business: the connection's keepalive (15 s × 4) fails the command.
 */
export const HEARTBEAT_INTERVAL_MS = 1000;
export const HEARTBEAT_THROTTLE_MS = 1000;
export const HEARTBEAT_TIMEOUT_MS = 10 * HEARTBEAT_THROTTLE_MS;
