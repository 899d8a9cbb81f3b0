import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalCli, temporalCliCacheDir } from '../../src/temporal/temporalCli';

const root = mkdtempSync(join(tmpdir(), 'zmig-cli-'));
const version = 'v1.5.1';

function fakeExecutable(dir: string, name: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, mode);
  return path;
}

const emptyDir = join(root, 'empty');
mkdirSync(emptyDir);
const pathDir = join(root, 'bin');
const onPath = fakeExecutable(pathDir, 'temporal');
const explicit = fakeExecutable(join(root, 'explicit'), 'my-temporal');
const cacheHome = join(root, 'cache');
const cached = fakeExecutable(temporalCliCacheDir(version, { XDG_CACHE_HOME: cacheHome }), 'temporal');

function neverLog(line: string): void {
  assert.fail(`unexpected log (would build): ${line}`);
}

test('TEMPORAL_CLI pointing at an executable wins over PATH and the cache', async () => {
  const env = { TEMPORAL_CLI: explicit, PATH: pathDir, XDG_CACHE_HOME: cacheHome };
  assert.equal(await resolveTemporalCli({ version, env, log: neverLog }), explicit);
});

test('a nonexistent TEMPORAL_CLI is an error, not a silent fallback', async () => {
  const env = { TEMPORAL_CLI: join(root, 'nope', 'temporal'), PATH: pathDir, XDG_CACHE_HOME: cacheHome };
  await assert.rejects(resolveTemporalCli({ version, env, log: neverLog }), {
    message: `TEMPORAL_CLI=${join(root, 'nope', 'temporal')} is not an executable file`,
  });
});

test('a TEMPORAL_CLI without execute permission is an error', async () => {
  const notExecutable = fakeExecutable(join(root, 'noexec'), 'temporal', 0o644);
  await assert.rejects(
    resolveTemporalCli({ version, env: { TEMPORAL_CLI: notExecutable }, log: neverLog }),
    /is not an executable file/,
  );
});

test('without TEMPORAL_CLI, temporal on PATH comes before the cache', async () => {
  const env = { PATH: `${emptyDir}:${pathDir}`, XDG_CACHE_HOME: cacheHome };
  assert.equal(await resolveTemporalCli({ version, env, log: neverLog }), onPath);
});

test('without PATH or TEMPORAL_CLI, the cached build for the pinned version is used', async () => {
  const env = { PATH: emptyDir, XDG_CACHE_HOME: cacheHome };
  assert.equal(await resolveTemporalCli({ version, env, log: neverLog }), cached);
  assert.equal(cached, join(cacheHome, 'zmig', 'temporal-cli', version, 'temporal'));
});

test('with nothing available and no Go, one message lists the three ways to provide the CLI', async () => {
  const env = { PATH: emptyDir, XDG_CACHE_HOME: join(root, 'empty-cache') };
  await assert.rejects(resolveTemporalCli({ version: 'v9.9.9', env, log: neverLog }), (err: Error) => {
    assert.ok(!err.message.includes('\n'));
    assert.match(err.message, /Temporal CLI v9\.9\.9 not found/);
    assert.match(err.message, /Go is not installed/);
    assert.match(err.message, /set TEMPORAL_CLI=/);
    assert.match(err.message, /put `temporal` on PATH/);
    assert.match(err.message, /install Go >= 1\.25/);
    return true;
  });
});
