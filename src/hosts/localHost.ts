import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { collectExec } from './collectExec';
import type { Host } from './host';
import type { InventoryHost } from './inventory';
import { privilegedArgv, toRemoteCommand } from './quote';
import type { RunningCommand } from './runningCommand';
import { exposeSpawned } from './spawnedCommand';
import { signalExitCode } from './exitCode';

const ignore = (): void => {};

/** What a shell would answer for a command it cannot start: 127 not found, 126 not executable. */
const SPAWN_FAILURE_CODE: Record<string, number> = { ENOENT: 127, EACCES: 126 };

function startLocal(argv: readonly string[]): RunningCommand {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('empty argv: nothing to run');
  const child = spawn(file, args, { stdio: 'pipe' });
  // stderr passes through our own stream so a start failure can be reported the way a shell reports it.
  const stderr = new PassThrough();
  child.stderr.pipe(stderr, { end: false });
  for (const stream of [child.stdin, child.stdout, child.stderr]) stream.on('error', ignore);

  let startError: NodeJS.ErrnoException | undefined;
  child.on('error', (err) => {
    startError = err;
  });
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code, signal) => {
      if (startError) {
        stderr.write(`${file}: ${startError.code === 'ENOENT' ? 'not found' : startError.message}\n`);
      }
      stderr.end();
      if (startError) resolve(SPAWN_FAILURE_CODE[startError.code ?? ''] ?? 127);
      else resolve(code ?? signalExitCode(signal ?? 'SIGKILL'));
    });
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs commands on this machine (argv straight to the kernel, no shell), for development and single-host moves. */
export function createLocalHost(entry: InventoryHost): Host {
  const describe = (argv: readonly string[], privilege = entry.privilege) => toRemoteCommand(argv, privilege);
  const start = (argv: readonly string[], privilege = entry.privilege) => async () => startLocal(privilegedArgv(argv, privilege));
  return {
    name: entry.name,
    dialect: entry.dialect,
    exec: async (argv, opts) => {
      const privilege = opts?.unprivileged ? 'none' : entry.privilege;
      return collectExec(entry.name, describe(argv, privilege), start(argv, privilege), opts);
    },
    spawn: (argv, opts) => exposeSpawned(entry.name, describe(argv), start(argv), opts?.signal),
    close: () => Promise.resolve(),
  };
}
