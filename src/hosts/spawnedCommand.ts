import { PassThrough } from 'node:stream';
import { BoundedCapture, OUTPUT_LIMIT_BYTES } from './boundedCapture';
import { CommandAbortedError, OutputLimitError } from './errors';
import type { ExecResult, SpawnedCommand } from './host';
import { Settlement, type RunningCommand, type StartCommand } from './runningCommand';

const ignore = (): void => {};

/**
 * Exposes a command's stdin/stdout at once, before the command has even started, so a caller can build
 * `send.stdout → receive.stdin` pipelines with backpressure. Like a local pipe, a consumer that goes away
 * early stops the command, and a command that exits early breaks the pipe instead of stalling its writer.
 */
export function exposeSpawned(
  host: string,
  command: string,
  start: StartCommand,
  signal?: AbortSignal,
): SpawnedCommand {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  // Failures reach the caller through `done` (and through any pipeline on these streams).
  stdin.on('error', ignore);
  stdout.on('error', ignore);

  const done = new Promise<ExecResult>((resolve, reject) => {
    let running: RunningCommand | undefined;
    const fail = (err: unknown) =>
      outcome.settle(() => {
        running?.kill();
        reject(err);
        const streamError = err instanceof Error ? err : new Error(String(err));
        stdin.destroy(streamError);
        stdout.destroy(streamError);
      });
    const aborted = () => fail(new CommandAbortedError(host, command));
    const outcome = new Settlement(signal, aborted);
    if (signal?.aborted) {
      aborted();
      return;
    }

    start().then((cmd) => {
      running = cmd;
      if (outcome.settled) {
        cmd.exited.catch(ignore);
        cmd.kill();
        return;
      }
      const stderr = new BoundedCapture();
      cmd.stderr.on('data', (chunk: Buffer) => {
        if (!stderr.add(chunk)) fail(new OutputLimitError(host, command, OUTPUT_LIMIT_BYTES));
      });
      // The command's own input failing (EPIPE: it is exiting) breaks the pipe for the writer, but
      // the command is not stopped: its exit status and stderr say why, and arrive just after.
      let inputBroken = false;
      cmd.stdin.on('error', (err: Error) => {
        inputBroken = true;
        stdin.destroy(err);
      });
      // As with a pipe: a writer with more to say once the command exited gets an error, but a
      // writer whose end-of-file simply arrives after the exit (zfs receive stops at the stream's
      // end record, without waiting for EOF) does not.
      const brokenPipeAfterExit = () => {
        stdin.unpipe(cmd.stdin);
        const broken = () => stdin.destroy(new Error(`${host}: ${command} exited before reading all of its input`));
        if (stdin.readableLength > 0) return broken();
        stdin.on('data', broken);
        stdin.resume();
      };
      cmd.stdout.pipe(stdout);
      stdin.pipe(cmd.stdin);
      stdout.on('close', () => {
        if (!cmd.stdout.readableEnded) aborted();
      });
      stdin.on('close', () => {
        if (!stdin.writableFinished && !inputBroken) aborted();
      });

      cmd.exited.then(
        (code) =>
          outcome.settle(() => {
            resolve({ code, stdout: '', stderr: stderr.text() });
            if (!stdin.writableFinished) brokenPipeAfterExit();
          }),
        fail,
      );
    }, fail);
  });
  // Callers may learn of a failure through a stream first; `done` still reports it when awaited.
  done.catch(ignore);
  return { stdin, stdout, done };
}
