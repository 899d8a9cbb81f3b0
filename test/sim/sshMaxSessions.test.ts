import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadInventory, type SshInventoryHost } from '../../src/hosts/inventory';
import { createSshHost } from '../../src/hosts/sshHost';
import { MAX_CONNECTIONS_PER_HOST } from '../../src/hosts/sshSessions';
import { startLab, type Lab } from '../../src/sim/lab';
import { TestConnection } from './sshClient';

let lab: Lab;
let entry: SshInventoryHost;

before(async () => {
  // Every command takes 300 ms, so 25 of them started together are all running at once.
  lab = await startLab({ hosts: [{ name: 'node1' }], timings: { commandLatencyMs: 300 } });
  const host = (await loadInventory(lab.inventoryPath)).hosts['node1'];
  assert.equal(host?.transport, 'ssh');
  entry = host as SshInventoryHost;
});

after(() => lab.stop());

test("the simulated sshd refuses an 11th session on one connection, as OpenSSH's MaxSessions 10 does", async () => {
  const conn = await TestConnection.open(lab, 'node1');
  try {
    const results = await Promise.allSettled(Array.from({ length: 11 }, () => conn.run('uname -v')));
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(refused.length, 1);
    assert.match(String((refused[0] as PromiseRejectedResult).reason), /Channel open failure/);
  } finally {
    conn.end();
  }
});

/** Runs `n` commands at once through zmig's host layer; returns their exit codes and the handshakes. */
async function runConcurrently(
  hostEntry: SshInventoryHost,
  n: number,
): Promise<{ codes: number[]; handshakes: number }> {
  let handshakes = 0;
  const host = createSshHost(hostEntry, { onHandshake: () => handshakes++ });
  try {
    const results = await Promise.all(Array.from({ length: n }, () => host.exec(['uname', '-v'])));
    return { codes: results.map((r) => r.code), handshakes };
  } finally {
    await host.close();
  }
}

test('25 commands at once: none refused, at most maxSessions per connection', async () => {
  const { codes, handshakes } = await runConcurrently(entry, 25);
  assert.deepEqual(codes, Array(25).fill(0));
  assert.equal(handshakes, 3, '10 + 10 + 5 sessions');
});

test("an inventory that overstates the sshd's MaxSessions still runs every command", async () => {
  const { codes, handshakes } = await runConcurrently({ ...entry, maxSessions: 20 }, 25);
  assert.deepEqual(codes, Array(25).fill(0));
  assert.ok(handshakes >= 3 && handshakes <= MAX_CONNECTIONS_PER_HOST, `${handshakes} connections`);
});

test('past the connection limit commands wait for a free session; one aborted while waiting never runs', async () => {
  const host = createSshHost({ ...entry, maxSessions: 1 });
  try {
    const before = lab.commandLog.length;
    const running = Array.from({ length: MAX_CONNECTIONS_PER_HOST }, () => host.exec(['uname', '-v']));
    const abandoned = new AbortController();
    const waiting = host.exec(['uname', '-a'], { signal: abandoned.signal });
    const queued = host.exec(['uname', '-v']);
    abandoned.abort();
    await assert.rejects(waiting, /aborted|cancel/i);
    const codes = (await Promise.all([...running, queued])).map((r) => r.code);
    assert.deepEqual(codes, Array(MAX_CONNECTIONS_PER_HOST + 1).fill(0));
    const lines = lab.commandLog.slice(before).map((c) => c.line);
    assert.equal(lines.filter((l) => l.endsWith('uname -v')).length, MAX_CONNECTIONS_PER_HOST + 1);
    assert.ok(!lines.some((l) => l.endsWith('uname -a')), 'the aborted command was never started');
  } finally {
    await host.close();
  }
});
