import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInventory, type SshInventoryHost } from '../../src/hosts/inventory';
import { createSshHost } from '../../src/hosts/sshHost';
import { startRealLab, type RealLab } from './realLab';

// Debian's sshd keeps OpenSSH's default MaxSessions 10: without zmig's per-connection limit, 14
// commands at once on one connection left 4 with "Channel open failure".
let lab: RealLab;
let entry: SshInventoryHost;

before(async () => {
  lab = await startRealLab([{ name: 'lab1', pool: 'tank1' }]);
  entry = (await loadInventory(lab.inventoryPath)).hosts['lab1'] as SshInventoryHost;
});
after(() => lab?.stop());

test("25 commands at once against a real sshd: all run, within sshd's MaxSessions per connection", async () => {
  let handshakes = 0;
  const host = createSshHost(entry, { onHandshake: () => handshakes++ });
  try {
    // Each holds its session for a second, so all 25 want one at the same time.
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => host.exec(['sh', '-c', `sleep 1; echo ${i}`])),
    );
    assert.deepEqual(
      results.map((r) => r.code),
      Array(25).fill(0),
      results.map((r) => r.stderr).join(''),
    );
    assert.deepEqual(
      results.map((r) => Number(r.stdout)),
      Array.from({ length: 25 }, (_, i) => i),
    );
    assert.equal(handshakes, 3, '10 + 10 + 5 sessions');
  } finally {
    await host.close();
  }
});

test('told it may open more sessions than sshd allows, the host layer learns the limit and still runs every command', async () => {
  const host = createSshHost({ ...entry, maxSessions: 25 });
  try {
    const results = await Promise.all(Array.from({ length: 25 }, () => host.exec(['sh', '-c', 'sleep 1; echo ok'])));
    assert.deepEqual(
      results.map((r) => r.code),
      Array(25).fill(0),
      results.map((r) => r.stderr).join(''),
    );
  } finally {
    await host.close();
  }
});
