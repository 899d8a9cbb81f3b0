import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateDbDirectory, exposureWarning } from '../../src/temporal/devExposure';

test('a dev server bound beyond loopback is warned about; loopback is not', () => {
  assert.equal(exposureWarning('127.0.0.1'), undefined);
  assert.equal(exposureWarning('127.1.2.3'), undefined);
  assert.equal(exposureWarning('::1'), undefined);
  assert.equal(exposureWarning('localhost'), undefined);
  assert.match(
    exposureWarning('0.0.0.0') ?? '',
    /listens on 0\.0\.0\.0, not on loopback, and has no authentication: .* root on every inventory host/,
  );
  assert.match(exposureWarning('10.0.0.5') ?? '', /10\.0\.0\.5/);
});

test('the dev database directory is created 0700, an existing one of ours is tightened, a shared one is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zmig-db-'));
  try {
    const fresh = join(dir, 'new', 'temporal-dev.db');
    createPrivateDbDirectory(fresh);
    assert.equal(statSync(join(dir, 'new')).mode & 0o777, 0o700);
    mkdirSync(join(dir, 'old'), { mode: 0o755 });
    createPrivateDbDirectory(join(dir, 'old', 'temporal-dev.db'));
    assert.equal(statSync(join(dir, 'old')).mode & 0o777, 0o700);
    // A shared, sticky directory such as /tmp is left as it is.
    mkdirSync(join(dir, 'shared'));
    chmodSync(join(dir, 'shared'), 0o1777);
    createPrivateDbDirectory(join(dir, 'shared', 'temporal-dev.db'));
    assert.equal(statSync(join(dir, 'shared')).mode & 0o7777, 0o1777);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
