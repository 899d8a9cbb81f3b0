import { Context } from '@temporalio/activity';
import type { ExecOptions, ExecResult, Host } from '../hosts/host';
import { toRemoteCommand } from '../hosts/quote';
import { commandFailed, toActivityFailure } from './failures';

/** How a command line is shown to people (in errors and plans): quoted exactly as it is sent. */
export function showCommand(argv: readonly string[]): string {
  return toRemoteCommand(argv, 'none');
}

/** The activity's cancellation signal when running inside one; none in plain unit use. */
function activitySignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command and returns its result whatever the exit code; transport errors become activity
 * failures. A command stopped because the step was cancelled reports the cancel itself, so the step
 * ends Cancelled, not Failed.
 */
export async function run(host: Host, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const signal = opts.signal ?? activitySignal();
  try {
    return await host.exec(argv, { signal, ...opts });
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw toActivityFailure(err);
  }
}

/** Runs a command that must succeed; a non-zero exit is a final CommandFailed naming command and stderr. */
export async function runChecked(host: Host, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return checked(host, argv, await run(host, argv, opts));
}

function checked(host: Host, argv: readonly string[], res: ExecResult): ExecResult {
  if (res.code !== 0) {
    throw commandFailed({ host: host.name, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  }
  return res;
}

const NEVER = new AbortController().signal;

/**
 * For commands that must not be cut off halfway (zoneadm attach, detach, boot, halt; zonecfg): the
 * remote command would go on without us anyway (no hangup without a terminal), and an undo started
 * meanwhile would read a state that is about to change. A cancel therefore waits for the exit, then
 * ends the step as cancelled.
 */
export async function runToCompletion(
  host: Host,
  argv: readonly string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const res = await run(host, argv, { ...opts, signal: NEVER });
  const signal = activitySignal();
  if (signal?.aborted) throw signal.reason;
  return res;
}

/** `runToCompletion` for a command that must succeed. */
export async function runToCompletionChecked(
  host: Host,
  argv: readonly string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  return checked(host, argv, await runToCompletion(host, argv, opts));
}
