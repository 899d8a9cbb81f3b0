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

/** Runs a command and returns its result whatever the exit code; transport errors become activity failures. */
export async function run(host: Host, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  try {
    return await host.exec(argv, { signal: activitySignal(), ...opts });
  } catch (err) {
    throw toActivityFailure(err);
  }
}

/** Runs a command that must succeed; a non-zero exit is a final CommandFailed naming command and stderr. */
export async function runChecked(host: Host, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const res = await run(host, argv, opts);
  if (res.code !== 0) {
    throw commandFailed({ host: host.name, command: showCommand(argv), exitCode: res.code, stderr: res.stderr });
  }
  return res;
}
