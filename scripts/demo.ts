// `npm run demo [-- --scenario cold-move|kz-warm|lu-rollback] [--once]`: a real procedure against simulated
// Solaris hosts on loopback (real SSH), on a local Temporal dev server with its web UI. With --once
// it exits when the migration ends: exit code 0 only if it succeeded.
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { loadDevConfig } from '../src/temporal/devConfig';
import { exposureWarning } from '../src/temporal/devExposure';
import { isTemporalUp, startDevServer, type DevServer } from '../src/temporal/devServer';
import { resolveTemporalCli } from '../src/temporal/temporalCli';
import { createZmigWorker } from '../src/worker';
import { coldMoveScenario } from './demo/coldMoveScenario';
import { kzWarmScenario } from './demo/kzWarmScenario';
import { luRollbackScenario } from './demo/luRollbackScenario';
import type { DemoScenario } from './demo/scenario';

const SCENARIOS: Record<string, DemoScenario> = {
  'cold-move': coldMoveScenario,
  'kz-warm': kzWarmScenario,
  'lu-rollback': luRollbackScenario,
};
const scenarioFlag = process.argv.indexOf('--scenario');
const scenarioName = scenarioFlag === -1 ? 'cold-move' : (process.argv[scenarioFlag + 1] ?? '');
const scenario = SCENARIOS[scenarioName];
if (!scenario) {
  process.stderr.write(`unknown demo scenario "${scenarioName}": use one of ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}

// The demo shows the migration, not the worker's own chatter (warnings still show).
Runtime.install({ logger: new DefaultLogger('WARN') });

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

say(`Starting ${scenario.intro} …`);
const lab = await scenario.setUp();
say(`Inventory: ${lab.inventoryPath}`);

// A run left over from an earlier demo (on a reused server) names hosts that no longer exist.
const { workflowId } = scenario;
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

const runUrl = `${uiUrl}/namespaces/${config.namespace}/workflows/${encodeURIComponent(workflowId)}`;
say('');
say(`Temporal UI: ${runUrl}`);
say(`$ ${scenario.commandLine}`);
say('');
const code = await scenario.run();
say('');
say(code === 0 ? scenario.success : 'Migration did not succeed (see above).');
say(`See its whole history in the Temporal UI: ${runUrl}`);

async function shutdown(): Promise<void> {
  scenario!.tearDown(lab);
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
