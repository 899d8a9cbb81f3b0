import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { loadDevConfig } from '../../src/temporal/devConfig';
import { isTemporalUp, startDevServer } from '../../src/temporal/devServer';
import { freePort } from '../../src/temporal/freePort';
import { ZMIG_SEARCH_ATTRIBUTE_TYPES } from '../../src/contracts/searchAttributes';
import { resolveTemporalCli } from '../../src/temporal/temporalCli';

const dir = mkdtempSync(join(tmpdir(), 'zmig-devserver-'));
// The server's IndexedValueType numbers (temporal.api.enums.v1).
const INDEXED_VALUE_TYPE = { Keyword: 2, KeywordList: 7 } as const;

// `npm test` passes the CLI it resolved; run alone, the file resolves it the same way.
function cliPath(): Promise<string> {
  const fromRunner = process.env.ZMIG_TEMPORAL_CLI;
  return fromRunner ? Promise.resolve(fromRunner) : resolveTemporalCli({ version: loadDevConfig().cliVersion });
}

test('a dev server started on free ports registers the search attributes and stops', async () => {
  const dbFile = join(dir, 'db', 'temporal.db');
  const server = await startDevServer({
    cliPath: await cliPath(),
    ip: '127.0.0.1',
    port: 0,
    headless: false,
    namespace: 'default',
    dbFile,
    searchAttributes: ZMIG_SEARCH_ATTRIBUTE_TYPES,
  });
  try {
    assert.match(server.address, /^127\.0\.0\.1:\d+$/);
    assert.match(server.uiUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    const connection = await Connection.connect({ address: server.address });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const [name, type] of Object.entries(ZMIG_SEARCH_ATTRIBUTE_TYPES)) {
        assert.equal(customAttributes?.[name], INDEXED_VALUE_TYPE[type], `${name} registered as ${type}`);
      }
    } finally {
      await connection.close();
    }
    assert.equal(await isTemporalUp(server.address), true);
    assert.equal(existsSync(dbFile), true, 'persistent db file created');
    assert.equal(statSync(dbFile).mode & 0o777, 0o600, 'readable by its owner only');
    const ui = await fetch(server.uiUrl ?? '');
    assert.equal(ui.status, 200);
  } finally {
    await server.stop();
  }
  await server.exited;
  assert.equal(await isTemporalUp(server.address), false);
});

test('a CLI that exits at once is reported with its output', async () => {
  const fake = join(dir, 'broken-temporal');
  writeFileSync(fake, '#!/bin/sh\necho "listen tcp: address already in use" >&2\nexit 3\n');
  chmodSync(fake, 0o755);
  await assert.rejects(
    startDevServer({
      cliPath: fake,
      ip: '127.0.0.1',
      port: 0,
      headless: true,
      namespace: 'default',
      searchAttributes: {},
    }),
    /exited \(code 3\) before serving 127\.0\.0\.1:\d+:\nlisten tcp: address already in use/,
  );
});

test('isTemporalUp is false for a port where something else listens', async () => {
  const other = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    const address = other.address();
    assert.ok(typeof address === 'object' && address !== null);
    assert.equal(await isTemporalUp(`127.0.0.1:${address.port}`), false);
  } finally {
    other.close();
  }
  assert.equal(await isTemporalUp(`127.0.0.1:${await freePort()}`), false);
});
