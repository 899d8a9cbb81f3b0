// `npm run bench`: figures against the simulator, printed, never asserted.
//  - orchestration overhead per activity: Temporal's scheduled→completed time minus the activity's
//    own execution time (its host commands), median — target ≤ 30 ms
//  - SSH handshakes per migration — target one per host
//  - history events of a 3-round coldMove — target ≤ 250
//  - downtime of a 1 GiB vs an 8 GiB zone at the same write rate — target within 10 %
//  - downtime added by a worker SIGKILL during detach and during attach — goal ≤ 30 s each
//  - transport on real ZFS and OpenSSH: relay vs an OpenSSH pipe vs local (benchTransport.ts)
//  - coldMove downtime on real ZFS, OpenSSH and sudo, relay and direct (benchLabDowntime.ts)
//  - host-output parsers on hostile inputs: inputs tried, slowest per parser (benchParsers.ts)
//  - the cutover gate: history events and snapshots per dataset against the gate's length (benchGate.ts),
//    and 48 hours of its re-sync rounds in one activity: snapshots per dataset, heap (benchGateDays.ts)
//  - kzWarmMigrate downtime against its commands' simulated time (benchKzWarm.ts)
// `npm run bench -- crash` (or `overhead`, `downtime`, `gate`, `gate-48h`, `kz-warm`, `lab-downtime`, `transport`, `parsers`) runs only the sections named.
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { Context } from '@temporalio/activity';
import { seedSourceHost, seedTargetHost } from '../src/sim/fixtures';
import { startLab } from '../src/sim/lab';
import { loadDevConfig } from '../src/temporal/devConfig';
import { startDevServer } from '../src/temporal/devServer';
import { resolveTemporalCli } from '../src/temporal/temporalCli';
import { createZmigWorker, WORKFLOWS_PATH } from '../src/worker';
import { benchGate } from './benchGate';
import { benchGateDays } from './benchGateDays';
import { benchKzWarm } from './benchKzWarm';
import { benchParsers } from './benchParsers';
import { benchTransport } from './benchTransport';
import { benchWorkerCrash } from './benchWorkerCrash';
import type { ColdMoveResult } from '../src/contracts/coldMove/result';

Runtime.install({ logger: new DefaultLogger('WARN') });

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const say = (s: string) => process.stdout.write(`${s}\n`);
const sections = process.argv.slice(2);
const wanted = (section: string) => sections.length === 0 || sections.includes(section);

const config = loadDevConfig();
const server = await startDevServer({
  cliPath: await resolveTemporalCli({ version: config.cliVersion, log: say }),
  ip: '127.0.0.1',
  port: 0,
  headless: true,
  namespace: 'default',
  searchAttributes: config.searchAttributes,
});
const workflowBundle = await bundleWorkflowCode({
  workflowsPath: WORKFLOWS_PATH,
  logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} } as never,
});
const connection = await Connection.connect({ address: server.address });
const client = new Client({ connection });
const native = await NativeConnection.connect({ address: server.address });

/** Execution time per activity id, measured inside the worker. */
const executed = new Map<string, number>();
class ExecutionTimer implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const started = performance.now();
    try {
      return await next(input);
    } finally {
      executed.set(Context.current().info.activityId, performance.now() - started);
    }
  }
}

interface Run {
  result: ColdMoveResult;
  events: number;
  overheadsMs: number[];
  handshakes: Map<string, number>;
}

async function coldMove(
  name: string,
  sizeBytes: number,
  writeBytesPerSec: number,
  transferBytesPerSec: number,
): Promise<Run> {
  const lab = await startLab({
    hosts: [{ name: 'node1' }, { name: 'node2' }],
    timings: {
      bootMs: 500,
      shutdownMs: 500,
      haltMs: 100,
      attachMs: 100,
      detachMs: 100,
      commandLatencyMs: 2,
      transferBytesPerSec,
    },
  });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes, delegatedSizeBytes: 64 * MiB });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  if (writeBytesPerSec)
    lab.hosts['node1']!.startWriter({ zone: 'www', dataset: 'rpool/zones/www', bytesPerSec: writeBytesPerSec });
  const handshakes = new Map<string, number>();
  const taskQueue = `bench-${name}`;
  const { worker, pool } = await createZmigWorker({
    inventoryPath: lab.inventoryPath,
    connection: native,
    taskQueue,
    workflowBundle,
    onHandshake: (h) => handshakes.set(h, (handshakes.get(h) ?? 0) + 1),
    interceptors: { activity: [() => ({ inbound: new ExecutionTimer() })] },
  });
  const running = worker.run();
  const handle = await client.workflow.start('coldMove', {
    taskQueue,
    workflowId: `bench/${name}`,
    args: [{ zone: 'www', source: 'node1', target: 'node2', converge: { thresholdBytes: 16 * MiB, maxRounds: 10 } }],
  });
  const result = (await handle.result()) as ColdMoveResult;
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, number>();
  const overheadsMs: number[] = [];
  const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
    Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s?.activityId) scheduled.set(String(e.eventId), ms(e.eventTime));
    const c = e.activityTaskCompletedEventAttributes;
    if (c) {
      const sched = history.events?.find((x) => String(x.eventId) === String(c.scheduledEventId));
      const id = sched?.activityTaskScheduledEventAttributes?.activityId ?? '';
      const own = executed.get(id);
      if (own !== undefined) overheadsMs.push(ms(e.eventTime) - scheduled.get(String(c.scheduledEventId))! - own);
    }
  }
  lab.hosts['node1']!.stopWriters();
  worker.shutdown();
  await running;
  await pool.closeAll();
  await lab.stop();
  return { result, events: history.events?.length ?? 0, overheadsMs, handshakes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

if (wanted('overhead')) {
  say('coldMove of a 64 MiB zone, no writes (3 rounds: full, one incremental, final):');
  const small = await coldMove('small', 64 * MiB, 0, 0);
  say(`  rounds                          ${small.result.rounds}`);
  say(`  history events                  ${small.events}   (target ≤ 250)`);
  say(
    `  orchestration overhead/activity median ${median(small.overheadsMs).toFixed(1)} ms over ${small.overheadsMs.length} activities   (target ≤ 30 ms)`,
  );
  say(
    `  SSH handshakes                  ${[...small.handshakes].map(([h, n]) => `${h}: ${n}`).join(', ')}   (target one per host)`,
  );
}

if (wanted('downtime')) {
  const WRITE = 2 * MiB;
  const RATE = 200 * MiB;
  say(`\ndowntime at the same write rate (${WRITE / MiB} MiB/s), transfer ${RATE / MiB} MiB/s:`);
  const oneG = await coldMove('1g', 1 * GiB, WRITE, RATE);
  say(`  1 GiB zone: downtime ${(oneG.result.downtimeMs / 1000).toFixed(2)} s, ${oneG.result.rounds} rounds`);
  const eightG = await coldMove('8g', 8 * GiB, WRITE, RATE);
  say(`  8 GiB zone: downtime ${(eightG.result.downtimeMs / 1000).toFixed(2)} s, ${eightG.result.rounds} rounds`);
  const diff = Math.abs(eightG.result.downtimeMs - oneG.result.downtimeMs) / oneG.result.downtimeMs;
  say(`  difference ${(diff * 100).toFixed(1)} %   (target within 10 %)`);
}

if (wanted('gate')) await benchGate(client, native, workflowBundle, say);
if (wanted('gate-48h')) await benchGateDays(say);
if (wanted('kz-warm')) await benchKzWarm(client, native, workflowBundle, say);
if (wanted('crash')) await benchWorkerCrash(client, server.address, say);
if (wanted('transport')) await benchTransport(say);
// Imported here: the lab's test harness installs its own Temporal runtime when it loads.
if (wanted('lab-downtime')) await (await import('./benchLabDowntime')).benchLabDowntime(server.address, say);
if (wanted('parsers')) benchParsers(say);

await native.close();
await connection.close();
await server.stop();
