// Finds the Temporal CLI that runs the local dev server. Nothing is downloaded: the CLI is
// taken from TEMPORAL_CLI, PATH, or zmig's cache, and as a last resort built once with Go.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface ResolveTemporalCliOptions {
  /** Pinned CLI release tag, e.g. `v1.5.1`. */
  version: string;
  log?: (line: string) => void;
  /** Environment to read TEMPORAL_CLI, PATH and XDG_CACHE_HOME from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export async function resolveTemporalCli(options: ResolveTemporalCliOptions): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const fromEnv = env.TEMPORAL_CLI;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
    }
    return fromEnv;
  }

  const onPath = findOnPath('temporal', env);
  if (onPath !== undefined) return onPath;

  const cacheDir = temporalCliCacheDir(options.version, env);
  const cached = join(cacheDir, 'temporal');
  if (isExecutableFile(cached)) return cached;

  const go = findOnPath('go', env);
  if (go === undefined) {
    throw new Error(cliMissingMessage(options.version, cached, 'Go is not installed (no `go` on PATH)'));
  }
  log(`building Temporal CLI ${options.version} with go install (first time only, takes several minutes)…`);
  mkdirSync(cacheDir, { recursive: true });
  const exitCode = await runGoInstall(go, options.version, cacheDir, env);
  if (exitCode !== 0 || !isExecutableFile(cached)) {
    throw new Error(cliMissingMessage(options.version, cached, `go install failed (exit code ${exitCode})`));
  }
  return cached;
}

export function temporalCliCacheDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'zmig', 'temporal-cli', version);
}

function runGoInstall(go: string, version: string, gobin: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    // Go's progress goes to our stderr so the long first build visibly does something.
    const child = spawn(go, ['install', `github.com/temporalio/cli/cmd/temporal@${version}`], {
      env: { ...env, CGO_ENABLED: '0', GOBIN: gobin },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function cliMissingMessage(version: string, cached: string, reason: string): string {
  return (
    `Temporal CLI ${version} not found and could not be built: ${reason}. Provide it one of three ways: ` +
    `set TEMPORAL_CLI=/path/to/temporal; put \`temporal\` on PATH; ` +
    `or install Go >= 1.25 so zmig can build it into ${cached}.`
  );
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
