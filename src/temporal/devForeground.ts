// `zmig dev`: the local Temporal server in the foreground, configured by temporal-dev.yml,
// until Ctrl-C. A Temporal frontend already listening on the configured port is reused.
import { DEFAULT_DEV_CONFIG_PATH, loadDevConfig } from './devConfig';
import { exposureWarning } from './devExposure';
import { isTemporalUp, startDevServer } from './devServer';
import { resolveTemporalCli } from './temporalCli';

/**
 * Resolves when SIGINT/SIGTERM has stopped the server, or at once when an already running
 * server is reused (that server is not ours to stop). Rejects if the server dies on its own.
 */
export async function runDevServerForeground(configPath: string = DEFAULT_DEV_CONFIG_PATH): Promise<void> {
  const config = loadDevConfig(configPath);
  const address = `${config.ip}:${config.port}`;
  const uiUrl = `http://${config.ip}:${config.uiPort}`;
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };

  if (await isTemporalUp(address)) {
    print(`Temporal is already running at ${address}; reusing it (UI, if it has one: ${uiUrl}).`);
    return;
  }

  const warning = exposureWarning(config.ip);
  if (warning !== undefined) process.stderr.write(`${warning}\n`);
  const cliPath = await resolveTemporalCli({ version: config.cliVersion });
  const server = await startDevServer({
    cliPath,
    ip: config.ip,
    port: config.port,
    uiPort: config.uiPort,
    headless: false,
    namespace: config.namespace,
    ...(config.dbFile === undefined ? {} : { dbFile: config.dbFile }),
    searchAttributes: config.searchAttributes,
  });
  print(`Temporal dev server: ${server.address} (namespace ${config.namespace})`);
  print(`Web UI:              ${server.uiUrl ?? uiUrl}`);
  print(`Data:                ${config.dbFile ?? 'in memory (lost on stop)'}`);
  print('Press Ctrl-C to stop.');

  let onSignal = (): void => undefined;
  const signalled = new Promise<'signal'>((resolve) => {
    onSignal = () => resolve('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  const outcome = await Promise.race([signalled, server.exited]);
  // Leave Ctrl-C to its default behaviour again once we no longer need it.
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (outcome !== 'signal') {
    throw new Error(`the Temporal dev server exited unexpectedly (code ${outcome})`);
  }
  print('stopping the Temporal dev server…');
  await server.stop();
}
