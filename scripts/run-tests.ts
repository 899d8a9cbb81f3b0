// `npm test`: one in-memory Temporal dev server for the whole run, then node's test runner
// over test/**/*.test.ts (or the files/folders given as arguments), one file at a time.
// Tests find the server through TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE and the CLI through
// ZMIG_TEMPORAL_CLI, its web UI through ZMIG_TEMPORAL_UI. Exits with the runner's exit code.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDevConfig } from '../src/temporal/devConfig';
import { startDevServer } from '../src/temporal/devServer';
import { resolveTemporalCli } from '../src/temporal/temporalCli';
import { ensureLabPackages } from '../test/realLab/labPackages';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function testFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFilesUnder(path);
    return entry.isFile() && entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function selectTestFiles(args: string[]): string[] {
  const roots = args.length > 0 ? args.map((arg) => resolve(arg)) : [join(repoRoot, 'test')];
  const files = roots.flatMap((root) => {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(root).isDirectory();
    } catch {
      throw new Error(`no such test file or folder: ${relative(process.cwd(), root) || root}`);
    }
    return isDirectory ? testFilesUnder(root) : [root];
  });
  return [...new Set(files)].sort().map((file) => relative(process.cwd(), file));
}

/** Reads node's TAP summary (`# pass N`, `# fail N`) as the output streams past. */
function summaryReader(): { feed(chunk: Buffer): void; result(): { passed: number; failed: number } | undefined } {
  let partial = '';
  let passed: number | undefined;
  let failed: number | undefined;
  const readLine = (line: string): void => {
    const match = /^# (pass|fail) (\d+)$/.exec(line);
    if (match?.[1] === 'pass') passed = Number(match[2]);
    if (match?.[1] === 'fail') failed = Number(match[2]);
  };
  return {
    feed(chunk) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(readLine);
    },
    result() {
      readLine(partial);
      return passed === undefined || failed === undefined ? undefined : { passed, failed };
    },
  };
}

function runNodeTests(
  files: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ exitCode: number; summary?: { passed: number; failed: number } }> {
  // TAP is forced so the `# pass N` / `# fail N` summary CI reads is there even on a terminal.
  const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=tap', ...files];
  const child = spawn(process.execPath, args, { env, stdio: ['inherit', 'pipe', 'inherit'] });
  const reader = summaryReader();
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    reader.feed(chunk);
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      const summary = reader.result();
      done({ exitCode: code ?? (signal === null ? 1 : 128), ...(summary === undefined ? {} : { summary }) });
    });
  });
}

async function main(): Promise<number> {
  const files = selectTestFiles(process.argv.slice(2));
  if (files.length === 0) {
    process.stderr.write('no test files found (test/**/*.test.ts)\n');
    return 1;
  }
  // The real-component tests need zfs-fuse, sshd, sudo and chromium: installed here, or a clear failure.
  const realComponents = ['realLab', 'ui'].map((dir) => join(repoRoot, 'test', dir));
  if (files.some((file) => realComponents.some((dir) => resolve(file).startsWith(dir)))) await ensureLabPackages();
  const config = loadDevConfig();
  const cliPath = await resolveTemporalCli({ version: config.cliVersion });
  const server = await startDevServer({
    cliPath,
    ip: '127.0.0.1',
    port: 0,
    // With its web UI, for the browser test (test/ui).
    headless: false,
    namespace: 'default',
    searchAttributes: config.searchAttributes,
  });
  process.stderr.write(`Temporal dev server for tests at ${server.address}\n`);
  try {
    const { exitCode, summary } = await runNodeTests(files, {
      ...process.env,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: 'default',
      ZMIG_TEMPORAL_CLI: cliPath,
      ...(server.uiUrl !== undefined && { ZMIG_TEMPORAL_UI: server.uiUrl }),
    });
    if (summary === undefined) {
      process.stderr.write('the test runner printed no pass/fail summary\n');
      return exitCode === 0 ? 1 : exitCode;
    }
    process.stdout.write(`${summary.passed} passed, ${summary.failed} failed\n`);
    return exitCode;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
