// Where clients and workers connect. Temporal's own environment configuration decides
// (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS*, TEMPORAL_API_KEY, TEMPORAL_PROFILE,
// the temporal.toml profile file); without any, the local dev server from temporal-dev.yml.
import type { ConnectionOptions } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { DEFAULT_DEV_CONFIG_PATH, loadDevConfig } from './devConfig';

export interface ConnectSettings<Options> {
  connectionOptions: Options;
  namespace: string;
}

export interface ConnectOptionsSource {
  /** Environment to read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  devConfigPath?: string;
}

export function clientConnectOptions(source: ConnectOptionsSource = {}): ConnectSettings<ConnectionOptions> {
  const { connectionOptions, namespace } = resolveConnectSettings(source);
  const { address, tls, apiKey, metadata } = connectionOptions;
  return {
    connectionOptions: {
      address,
      ...(tls === undefined ? {} : { tls }),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(metadata === undefined ? {} : { metadata }),
    },
    namespace,
  };
}

export function workerConnectOptions(source: ConnectOptionsSource = {}): ConnectSettings<NativeConnectionOptions> {
  return resolveConnectSettings(source);
}

function resolveConnectSettings(source: ConnectOptionsSource): ConnectSettings<NativeConnectionOptions> {
  const env = definedOnly(source.env ?? process.env);
  const configured = loadClientConnectConfig({ overrideEnvVars: env });
  const { address, tls, apiKey, metadata } = configured.connectionOptions;
  // An empty TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE counts as not configured.
  let resolvedAddress = address || undefined;
  let namespace = configured.namespace || undefined;
  if (resolvedAddress === undefined || namespace === undefined) {
    const dev = loadDevConfig(source.devConfigPath ?? DEFAULT_DEV_CONFIG_PATH);
    resolvedAddress ??= `${dev.ip}:${dev.port}`;
    namespace ??= dev.namespace;
  }
  return {
    connectionOptions: {
      address: resolvedAddress,
      ...(tls === undefined ? {} : { tls }),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(metadata === undefined ? {} : { metadata }),
    },
    namespace,
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
