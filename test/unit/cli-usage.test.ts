import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ZMIG = fileURLToPath(new URL('../../bin/zmig.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'zmig-cli-'));
const inventory = join(dir, 'inventory.yml');
writeFileSync(inventory, 'hosts:\n  node1: { transport: local }\n  node2: { transport: local }\n');

/** Runs the CLI against an address where no Temporal listens: bad input must be refused before any connection. */
function zmig(...args: string[]) {
  const res = spawnSync(process.execPath, [ZMIG, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1', ZMIG_INVENTORY: inventory },
  });
  return { code: res.status, stderr: res.stderr.trim(), stdout: res.stdout.trim() };
}

const cases: { args: string[]; message: RegExp }[] = [
  { args: ['cold-move', 'bad;zone', '--from', 'node1', '--to', 'node2'], message: /zone name/ },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node1'],
    message: /source and target must be different hosts/,
  },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--converge-threshold', '12Q'],
    message: /--converge-threshold: "12Q" is not a size/,
  },
  { args: ['cold-move', 'www', '--from', 'node1', '--to', 'node9'], message: /unknown host "node9"/ },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--max-rounds', 'many'],
    message: /--max-rounds: "many" is not a whole number/,
  },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--source-policy', 'burn'],
    message: /source-policy/,
  },
  // Unbounded, this passed validation and failed with a RangeError after the whole pre-seed.
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--cutover-deadline', '9007199254740991'],
    message: /--cutover-deadline: expected a whole number from 1 to 604800 seconds \(7 days\)/,
  },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--max-rounds', '51'],
    message: /--max-rounds: expected a whole number from 0 to 50 rounds/,
  },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--shutdown-timeout', '86401'],
    message: /--shutdown-timeout: expected a whole number from 1 to 86400 seconds \(24 h\)/,
  },
  {
    args: ['cold-move', 'www', '--from', 'node1', '--to', 'node2', '--converge-threshold', '2P'],
    message: /--converge-threshold: expected a whole number from 0 to 1125899906842624 bytes \(1 PiB\)/,
  },
  { args: ['plan', 'cold-move', 'global', '--from', 'node1', '--to', 'node2'], message: /zone name/ },
  { args: ['watch', 'nonsense'], message: /not a migration id/ },
];

for (const c of cases) {
  test(`zmig ${c.args.join(' ')} → exit 2, one line`, () => {
    const out = zmig(...c.args);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, c.message);
    assert.equal(out.stderr.split('\n').length, 1, `one line, got:\n${out.stderr}`);
  });
}
