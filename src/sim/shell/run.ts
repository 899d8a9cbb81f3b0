import { PassThrough } from 'node:stream';
import { COMMANDS } from '../commands/registry';
import type { SimHost } from '../simHost';
import type { CommandIO } from './io';
import { print } from './io';
import { parseCommandLine, ShellSyntaxError } from './parse';

const PIPE_BUFFER = 256 * 1024;

/** Runs one simple command: looks its basename up in the dispatch table. */
export async function runArgv(host: SimHost, argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) return 0;
  const handler = COMMANDS[name.slice(name.lastIndexOf('/') + 1)];
  if (!handler) {
    print(io.stderr, `sh: ${name}: not found\n`);
    return 127;
  }
  return handler({
    host,
    name,
    args,
    io,
    runArgv: (next, nextIo) => runArgv(host, next, nextIo),
    runLine: (line, nextIo) => runLine(host, line, nextIo),
  });
}

function linkedController(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}

/** Runs `a | b | c` concurrently; the status is the last stage's, as in sh. */
async function runPipeline(host: SimHost, stages: string[][], io: CommandIO): Promise<number> {
  const [only] = stages;
  if (stages.length === 1 && only) return runArgv(host, only, io);
  const last = stages.length - 1;
  const pipes = stages.slice(1).map(() => {
    const pipe = new PassThrough({ highWaterMark: PIPE_BUFFER });
    pipe.on('error', () => undefined);
    return pipe;
  });
  const codes = await Promise.all(
    stages.map(async (argv, i) => {
      const controller = linkedController(io.signal);
      const out = i === last ? io.stdout : pipes[i];
      const input = i === 0 ? io.stdin : pipes[i - 1];
      if (!out || !input) throw new Error('pipeline wiring');
      // A writer whose reader exited gets EPIPE: abort it.
      if (i < last) out.on('close', () => controller.abort(new Error('EPIPE')));
      let code: number;
      try {
        code = await runArgv(host, argv, { ...io, stdin: input, stdout: out, signal: controller.signal });
      } catch {
        code = controller.signal.aborted ? 141 : 1;
      }
      if (i < last) out.end();
      if (i > 0) input.destroy();
      return code;
    }),
  );
  return codes[last] ?? 0;
}

/** Runs a command line the way /bin/sh would for what zmig sends. */
export async function runLine(host: SimHost, line: string, io: CommandIO): Promise<number> {
  let items;
  try {
    items = parseCommandLine(line);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    print(io.stderr, `sh: ${err.message}\n`);
    return 2;
  }
  let status = 0;
  for (const item of items) {
    if (item.op === '&&' && status !== 0) continue;
    if (item.op === '||' && status === 0) continue;
    io.signal.throwIfAborted();
    status = await runPipeline(host, item.pipeline, io);
  }
  return status;
}
