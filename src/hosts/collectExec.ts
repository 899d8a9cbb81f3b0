import { finished } from 'node:stream/promises';
import { BoundedCapture, OUTPUT_LIMIT_BYTES } from './boundedCapture';
import { CommandAbortedError, OutputLimitError } from './errors';
import type { ExecOptions, ExecResult } from './host';
import { Settlement, type StartCommand, type RunningCommand } from './runningCommand';

const ignore = (): void => {};

/** Runs a command to its end, capturing output up to the limit: a non-zero exit is a result, not an error. */
export function collectExec(
  host: string,
  command: string,
  start: StartCommand,
  opts: ExecOptions = {},
): Promise<ExecResult> {
  if (opts.signal?.aborted) return Promise.reject(new CommandAbortedError(host, command));
  return new Promise((resolve, reject) => {
    let running: RunningCommand | undefined;
    const fail = (err: unknown) =>
      outcome.settle(() => {
        running?.kill();
        reject(err);
      });
    const outcome = new Settlement(opts.signal, () => fail(new CommandAbortedError(host, command)));

    start().then((cmd) => {
      running = cmd;
      if (outcome.settled) {
        cmd.exited.catch(ignore);
        cmd.kill();
        return;
      }
      const stdout = new BoundedCapture();
      const stderr = new BoundedCapture();
      const overLimit = () => fail(new OutputLimitError(host, command, OUTPUT_LIMIT_BYTES));
      cmd.stdout.on('data', (chunk: Buffer) => {
        if (!opts.onStdout) {
          if (!stdout.add(chunk)) overLimit();
          return;
        }
        try {
          opts.onStdout(chunk);
        } catch (err) {
          fail(err);
        }
      });
      cmd.stderr.on('data', (chunk: Buffer) => {
        if (!stderr.add(chunk)) overLimit();
      });
      // The command may exit without reading its input; that is its business, not a failure.
      cmd.stdin.on('error', ignore);
      cmd.stdin.end(opts.stdin);

      const drained = Promise.all([finished(cmd.stdout, { writable: false }), finished(cmd.stderr)]).catch(ignore);
      Promise.all([cmd.exited, drained]).then(
        ([code]) => outcome.settle(() => resolve({ code, stdout: stdout.text(), stderr: stderr.text() })),
        fail,
      );
    }, fail);
  });
}
