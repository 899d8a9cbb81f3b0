// `npm run demo [-- --once]`: the real coldMove against two simulated Solaris hosts on loopback
// (real SSH), on a local Temporal dev server with its web UI. With --once it exits when the
// migration ends: exit code 0 only if it succeeded.
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { startProcedure } from '../src/client/commands/start';
import { coldMoveProcedure } from '../src/client/procedures/coldMove';
import { zoneWorkflowId } from '../src/contracts/workflowIds';
import { seedSourceHost, seedTargetHost } from '../src/sim/fixtures';
import { startLab } from '../src/sim/lab';
import { loadDevConfig } from '../src/temporal/devConfig';
import { exposureWarning } from '../src/temporal/devExposure';
import { isTemporalUp, startDevServer, type DevServer } from '../src/temporal/devServer';
import { resolveTemporalCli } from '../src/temporal/temporalCli';
import { coldMoveInputSchema } from '../src/contracts/coldMove/input';
import { createZmigWorker } from '../src/worker';

// The demo shows the migration, not the worker's own chatter (warnings still show).
Runtime.install({ logger: new DefaultLogger('WARN') });

const MiB = 1024 * 1024;
const once = process.argv.includes('--once');
const say = (line: string) => process.stdout.write(`${line}\n`);

const config = loadDevConfig();
const address = `${config.ip}:${config.port}`;
let server: DevServer | undefined;
let uiUrl = `http://${config.ip}:${config.uiPort}`;
if (await isTemporalUp(address)) {
  say(`Using the Temporal server already running at ${address}.`);
} else {
  const exposed = exposureWarning(config.ip);
  if (exposed) say(exposed);
  const cliPath = await resolveTemporalCli({ version: config.cliVersion, log: (l: string) => say(l) });
  say(`Starting the Temporal dev server (${address}, UI ${uiUrl}) …`);
  // In memory: a demo leaves nothing behind. `zmig dev` is the persistent one.
  server = await startDevServer({
    cliPath,
    ip: config.ip,
    port: config.port,
    uiPort: config.uiPort,
    headless: false,
    namespace: config.namespace,
    searchAttributes: config.searchAttributes,
  });
  uiUrl = server.uiUrl ?? uiUrl;
}
process.env['TEMPORAL_ADDRESS'] = address;
process.env['TEMPORAL_NAMESPACE'] = config.namespace;

say('Starting two simulated Solaris 11.4 hosts over SSH: node1 (zone www, running, being written to) and node2 …');
const lab = await startLab({
  hosts: [{ name: 'node1' }, { name: 'node2' }],
  timings: {
    bootMs: 4000,
    shutdownMs: 5000,
    haltMs: 1000,
    attachMs: 1500,
    detachMs: 800,
    commandLatencyMs: 20,
    transferBytesPerSec: 40 * MiB,
  },
});
seedSourceHost(lab.hosts['node1']!, { sizeBytes: 320 * MiB, delegatedSizeBytes: 96 * MiB });
seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
lab.hosts['node1']!.startWriter({ zone: 'www', dataset: 'pool1/www', bytesPerSec: 1 * MiB });
say(`Inventory: ${lab.inventoryPath}`);

// A run left over from an earlier demo (on a reused server) names hosts that no longer exist.
const workflowId = zoneWorkflowId('node1', 'www');
const connection = await Connection.connect({ address });
const stale = new Client({ connection, namespace: config.namespace }).workflow.getHandle(workflowId);
if ((await stale.describe().catch(() => undefined))?.status.name === 'RUNNING')
  await stale.terminate('left over from an earlier demo');
await connection.close();

const native = await NativeConnection.connect({ address });
const { worker, pool } = await createZmigWorker({
  inventoryPath: lab.inventoryPath,
  connection: native,
  namespace: config.namespace,
});
const running = worker.run();

say('');
say(`Temporal UI: ${uiUrl}/namespaces/${config.namespace}/workflows/${encodeURIComponent(workflowId)}`);
say('$ zmig cold-move www --from node1 --to node2 --converge-threshold 8M --source-policy autoboot-off');
say('');
const input = coldMoveInputSchema.parse({
  zone: 'www',
  source: 'node1',
  target: 'node2',
  converge: { thresholdBytes: 8 * MiB },
  sourcePolicy: 'autoboot-off',
});
const code = await startProcedure(coldMoveProcedure, input, { wait: true, json: false });
say('');
say(code === 0 ? 'Migration succeeded: zone www now runs on node2.' : 'Migration did not succeed (see above).');
say(
  `See its whole history in the Temporal UI: ${uiUrl}/namespaces/${config.namespace}/workflows/${encodeURIComponent(workflowId)}`,
);

async function shutdown(): Promise<void> {
  lab.hosts['node1']!.stopWriters();
  worker.shutdown();
  await running;
  await pool.closeAll();
  await native.close();
  await lab.stop();
  await server?.stop();
}

if (once) {
  await shutdown();
  process.exit(code);
}
say('The dev server, UI and worker stay up so you can look around. Press Ctrl-C to stop.');
process.once('SIGINT', () => {
  say('stopping …');
  void shutdown().then(() => process.exit(code));
});
