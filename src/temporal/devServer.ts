// Runs `temporal server start-dev` as a child process and waits until it really serves:
// the frontend answers and the custom search attributes are registered, so a workflow
// started right after never fails on an unknown attribute.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { createPrivateDbDirectory } from './devExposure';
import { freePort } from './freePort';

export interface DevServerOptions {
  cliPath: string;
  ip: string;
  /** 0 picks a free port. */
  port: number;
  /** Web UI port; ignored when headless, 0 or absent picks a free port. */
  uiPort?: number;
  headless: boolean;
  namespace: string;
  /** Persistent SQLite file; in-memory when absent. */
  dbFile?: string;
  /** Search attribute name → type, as `--search-attribute NAME=TYPE` takes it. */
  searchAttributes: Readonly<Record<string, string>>;
  /** Appends the server's own output here; otherwise only its last lines are kept for errors. */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** Settles when the server process exits, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const OUTPUT_LINES_KEPT = 40;
const STOP_GRACE_MS = 10_000;

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port === 0 ? await freePort(options.ip) : options.port;
  const uiPort = options.headless ? undefined : options.uiPort || (await freePort(options.ip));
  const address = `${options.ip}:${port}`;

  const args = ['server', 'start-dev', '--ip', options.ip, '--port', String(port), '--namespace', options.namespace];
  if (uiPort !== undefined) args.push('--ui-port', String(uiPort));
  for (const [name, type] of Object.entries(options.searchAttributes)) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  if (options.dbFile !== undefined) {
    createPrivateDbDirectory(options.dbFile);
    args.push('--db-filename', options.dbFile);
  }
  if (options.headless) args.push('--headless');
  args.push('--log-level', 'warn');

  // Own process group, so stop() reaches everything the CLI starts and a Ctrl-C meant
  // for the parent does not kill the server before the parent has cleaned up.
  // The child inherits a 077 umask, so the database (and its journal files) it creates are 0600.
  const umask = process.umask(0o077);
  let child;
  try {
    child = spawn(options.cliPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    process.umask(umask);
  }
  const output = keepLastLines(OUTPUT_LINES_KEPT);
  const logStream = options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output.add(chunk);
      logStream?.write(chunk);
    });
  }

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (err) => {
      output.add(Buffer.from(`${err.message}\n`));
      exitCode = null;
      resolve(null);
    });
    // 'close', not 'exit': by then all of its output has been read, for the error message.
    child.on('close', (code) => {
      exitCode ??= code;
      logStream?.end();
      resolve(code);
    });
  });

  const stop = async (): Promise<void> => {
    if (exitCode !== undefined || child.pid === undefined) return;
    signalGroup(child.pid, 'SIGTERM');
    // Unref'd: the grace timer must not keep the caller alive after the server is gone.
    const stopped = await Promise.race([exited.then(() => true), delay(STOP_GRACE_MS, false, { ref: false })]);
    if (!stopped) {
      signalGroup(child.pid, 'SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  const names = Object.keys(options.searchAttributes);
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(
        `temporal server start-dev exited (code ${exitCode}) before serving ${address}:\n${output.text()}`,
      );
    }
    const serving = await Promise.race([isServing(address, options.namespace, names), exited.then(() => false)]);
    if (serving) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`temporal server start-dev did not serve ${address} within the timeout:\n${output.text()}`);
    }
    await delay(250);
  }

  return {
    address,
    ...(uiPort === undefined ? {} : { uiUrl: `http://${options.ip}:${uiPort}` }),
    exited,
    stop,
  };
}

/** True if a Temporal frontend answers at `address`; used to reuse a server that is already up. */
export async function isTemporalUp(address: string): Promise<boolean> {
  return isServing(address, undefined, []);
}

async function isServing(address: string, namespace: string | undefined, searchAttributes: string[]): Promise<boolean> {
  // lazy + close in finally: a failed Connection.connect would leave its channel retrying.
  const connection = Connection.lazy({ address, connectTimeout: 1_000 });
  try {
    await connection.ensureConnected();
    return await connection.withDeadline(Date.now() + 2_000, async () => {
      await connection.workflowService.getSystemInfo({});
      if (namespace === undefined || searchAttributes.length === 0) return true;
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      return searchAttributes.every((name) => customAttributes?.[name] !== undefined);
    });
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function keepLastLines(max: number): { add(chunk: Buffer): void; text(): string } {
  let lines: string[] = [];
  let partial = '';
  return {
    add(chunk) {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines = lines.concat(parts).slice(-max);
    },
    text() {
      return [...lines, partial].filter((line) => line !== '').join('\n');
    },
  };
}
