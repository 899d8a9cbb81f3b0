import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateDbFile, exposureWarning } from '../../src/temporal/devExposure';

test('a dev server bound beyond loopback is warned about; loopback is not', () => {
  assert.equal(exposureWarning('127.0.0.1'), undefined);
  assert.equal(exposureWarning('127.1.2.3'), undefined);
  assert.match(exposureWarning('0.0.0.0') ?? '', /listens on 0\.0\.0\.0, not on loopback, and has no authentication: .* root on every inventory host/);
  assert.match(exposureWarning('10.0.0.5') ?? '', /10\.0\.0\.5/);
});

test('the dev database file is created 0600, and an existing one is tightened to 0600', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zmig-db-'));
  try {
    const fresh = join(dir, 'new', 'temporal-dev.db');
    createPrivateDbFile(fresh);
    assert.equal(statSync(fresh).mode & 0o777, 0o600);
    const old = join(dir, 'old.db');
    writeFileSync(old, 'data', { mode: 0o644 });
    createPrivateDbFile(old);
    assert.equal(statSync(old).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
