import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDevConfig } from '../../src/temporal/devConfig';
import { ZMIG_SEARCH_ATTRIBUTE_TYPES } from '../../src/contracts/searchAttributes';

const dir = mkdtempSync(join(tmpdir(), 'zmig-devconfig-'));

const good = `cliVersion: v1.5.1
ip: 127.0.0.1
port: 7233
uiPort: 8233
namespace: default
dbFile: ~/zmig/dev.db
searchAttributes:
  ZmigZone: Keyword
`;

function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function loadError(text: string): string {
  const path = writeConfig('bad.yml', text);
  try {
    loadDevConfig(path);
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected the config to be rejected');
}

test('a good file loads, with ~ expanded in dbFile', () => {
  const config = loadDevConfig(writeConfig('good.yml', good));
  assert.deepEqual(config, {
    cliVersion: 'v1.5.1',
    ip: '127.0.0.1',
    port: 7233,
    uiPort: 8233,
    namespace: 'default',
    dbFile: join(homedir(), 'zmig/dev.db'),
    searchAttributes: { ZmigZone: 'Keyword' },
  });
});

test('dbFile is optional (in-memory server)', () => {
  const config = loadDevConfig(writeConfig('memory.yml', good.replace(/^dbFile:.*\n/m, '')));
  assert.equal(config.dbFile, undefined);
});

test('the repository temporal-dev.yml registers exactly the zmig search attributes, each with its type', () => {
  const config = loadDevConfig();
  assert.equal(config.cliVersion, 'v1.5.1');
  assert.equal(`${config.ip}:${config.port}`, '127.0.0.1:7233');
  assert.equal(config.uiPort, 8233);
  assert.equal(config.namespace, 'default');
  assert.equal(config.dbFile, join(homedir(), '.local/share/zmig/temporal-dev.db'));
  assert.deepEqual(config.searchAttributes, ZMIG_SEARCH_ATTRIBUTE_TYPES);
});

test('a bad port is one line naming the file and the field', () => {
  const message = loadError(good.replace('port: 7233', 'port: 70000'));
  assert.equal(message, `${join(dir, 'bad.yml')}: port: must be 1-65535`);
  assert.ok(!message.includes('\n'));
});

test('a wrong type names the nested field', () => {
  const message = loadError(good.replace('ZmigZone: Keyword', 'ZmigZone: Keywrd'));
  assert.match(message, /bad\.yml: searchAttributes\.ZmigZone: must be one of Text, Keyword, /);
});

test('a missing field, an unknown field and bad YAML are each reported on one line', () => {
  const missing = loadError(good.replace(/^namespace:.*\n/m, ''));
  assert.match(missing, /bad\.yml: namespace: must be a string$/);
  const unknown = loadError(`${good}uiport: 1\n`);
  assert.match(unknown, /bad\.yml: uiport: unknown field$/);
  const yaml = loadError('port: [1\n');
  assert.match(yaml, /bad\.yml: invalid YAML: /);
  for (const message of [missing, unknown, yaml]) assert.ok(!message.includes('\n'), message);
});

test('a missing file names the file', () => {
  assert.throws(() => loadDevConfig(join(dir, 'absent.yml')), /absent\.yml: cannot read: ENOENT/);
});
