import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientConnectOptions, workerConnectOptions } from '../../src/temporal/connection';

const dir = mkdtempSync(join(tmpdir(), 'zmig-connection-'));
// Points envconfig at a file that does not exist, so the developer's own temporal.toml never leaks in.
const noProfileFile = { TEMPORAL_CONFIG_FILE: join(dir, 'absent.toml') };

test('with nothing configured, clients and workers use the dev server from temporal-dev.yml', () => {
  for (const options of [clientConnectOptions({ env: noProfileFile }), workerConnectOptions({ env: noProfileFile })]) {
    assert.deepEqual(options, { connectionOptions: { address: '127.0.0.1:7233' }, namespace: 'default' });
  }
});

test('the dev config given is the fallback', () => {
  const devConfigPath = join(dir, 'dev.yml');
  writeFileSync(
    devConfigPath,
    'cliVersion: v1.5.1\nip: 127.0.0.1\nport: 17233\nuiPort: 18233\nnamespace: zmig\nsearchAttributes: {}\n',
  );
  assert.deepEqual(clientConnectOptions({ env: noProfileFile, devConfigPath }), {
    connectionOptions: { address: '127.0.0.1:17233' },
    namespace: 'zmig',
  });
});

test('TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY win; an API key turns TLS on', () => {
  const env = {
    ...noProfileFile,
    TEMPORAL_ADDRESS: 'temporal.example.net:7233',
    TEMPORAL_NAMESPACE: 'migrations',
    TEMPORAL_API_KEY: 'k3y',
    TEMPORAL_GRPC_META_X_TEAM: 'storage',
  };
  const expected = {
    connectionOptions: {
      address: 'temporal.example.net:7233',
      apiKey: 'k3y',
      tls: true,
      metadata: { 'x-team': 'storage' },
    },
    namespace: 'migrations',
  };
  assert.deepEqual(clientConnectOptions({ env }), expected);
  assert.deepEqual(workerConnectOptions({ env }), expected);
});

test('a profile file supplies the address; the namespace still falls back to the dev config', () => {
  const profileFile = join(dir, 'temporal.toml');
  writeFileSync(
    profileFile,
    '[profile.prod]\naddress = "prod.example.net:7233"\n\n[profile.prod.tls]\nserver_name = "prod"\n',
  );
  const options = workerConnectOptions({ env: { TEMPORAL_CONFIG_FILE: profileFile, TEMPORAL_PROFILE: 'prod' } });
  assert.equal(options.connectionOptions.address, 'prod.example.net:7233');
  assert.equal(options.namespace, 'default');
  assert.deepEqual(options.connectionOptions.tls, {
    serverNameOverride: 'prod',
    serverRootCACertificate: undefined,
    clientCertPair: undefined,
  });
});

test('an empty TEMPORAL_ADDRESS counts as not configured', () => {
  const options = clientConnectOptions({ env: { ...noProfileFile, TEMPORAL_ADDRESS: '' } });
  assert.equal(options.connectionOptions.address, '127.0.0.1:7233');
});
