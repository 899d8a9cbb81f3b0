import type { CommandLogEntry } from './commandLog';
import type { FaultSpec } from './faults';
import type { SimHost } from './simHost';
import { tapStreams } from './shell/byteTaps';
import type { CommandIO } from './shell/io';
import { print } from './shell/io';
import { runLine } from './shell/run';

/** Resolves when the signal aborts (the caller closed the channel). */
function untilAborted(signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
}

function failureText(spec: FaultSpec, line: string): string {
  const text = spec.stderr ?? `${line.split(' ')[0] ?? 'sh'}: injected failure`;
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Acts on a fault that triggers before the command runs. null = never answered. */
async function immediateFault(host: SimHost, spec: FaultSpec, line: string, io: CommandIO): Promise<number | null> {
  switch (spec.action) {
    case 'fail':
      print(io.stderr, failureText(spec, line));
      return spec.exitCode ?? 1;
    case 'hang':
      return untilAborted(io.signal);
    case 'disconnect':
      io.disconnect();
      return untilAborted(io.signal);
    case 'slow':
      await host.sleep(spec.delayMs ?? 1000, io.signal);
      return runLine(host, line, io);
  }
}

/** Runs the command, then acts once `afterBytes` of its stdin + stdout have passed. */
async function streamingFault(
  host: SimHost,
  spec: FaultSpec,
  limit: number,
  line: string,
  io: CommandIO,
): Promise<number | null> {
  const controller = new AbortController();
  io.signal.addEventListener('abort', () => controller.abort(io.signal.reason), { once: true });
  let tripped = false;
  const mode =
    spec.action === 'slow' ? { kind: 'delay' as const, delayMs: spec.delayMs ?? 1000 } : { kind: 'truncate' as const };
  const taps = tapStreams(io, limit, mode, () => {
    tripped = true;
    if (spec.action === 'disconnect') io.disconnect();
    if (spec.action === 'fail' || spec.action === 'disconnect') controller.abort(new Error('injected fault'));
  });
  const tapped: CommandIO = { ...io, stdin: taps.stdin, stdout: taps.stdout, signal: controller.signal };
  const code = await runLine(host, line, tapped).catch(() => 1);
  if (!tripped) {
    await taps.flushed();
    return code;
  }
  if (spec.action === 'fail') {
    print(io.stderr, failureText(spec, line));
    return spec.exitCode ?? 1;
  }
  if (spec.action === 'slow') {
    await taps.flushed();
    return code;
  }
  return untilAborted(io.signal);
}

/**
 * The entry point for a command line a host receives (over SSH, or from `ssh` inside another
 * host's pipeline): logs it, applies latency and injected faults, and runs it.
 */
export async function executeCommandLine(host: SimHost, line: string, io: CommandIO): Promise<number | null> {
  const entry: CommandLogEntry = { host: host.name, line, exitCode: null, running: true };
  host.network.commandLog.push(entry);
  const spec = host.network.faults.take(host.name, line);
  let code: number | null;
  try {
    if (host.timings.commandLatencyMs > 0) await host.sleep(host.timings.commandLatencyMs, io.signal);
    if (!spec) code = await runLine(host, line, io);
    else if (spec.afterBytes === undefined) code = await immediateFault(host, spec, line, io);
    else code = await streamingFault(host, spec, spec.afterBytes, line, io);
  } catch {
    code = io.signal.aborted ? null : 1;
  }
  entry.exitCode = code;
  entry.running = false;
  return code;
}
