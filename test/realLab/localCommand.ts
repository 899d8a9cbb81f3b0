import { spawn } from 'node:child_process';
import type { ExecResult } from '../../src/hosts/host';

/** Runs a local command to its end and collects its output; never throws for a non-zero exit. */
export function runCommand(argv: readonly string[], stdin?: string): Promise<ExecResult> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('empty argv');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal === null ? 1 : 128),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(stdin);
  });
}

/** Like runCommand, but a non-zero exit is an error naming the command and its stderr. */
export async function mustRun(argv: readonly string[], stdin?: string): Promise<string> {
  const result = await runCommand(argv, stdin);
  if (result.code !== 0) throw new Error(`${argv.join(' ')}: exit ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}
