import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHostPool } from '../../src/hosts/hostPool';
import { UnknownHostError } from '../../src/hosts/errors';
import type { Inventory } from '../../src/hosts/inventory';
import { startFakeSshd } from './hosts-sshd';

test('the pool creates each host once, lazily, and names the known hosts for an unknown one', async (t) => {
  const sshd = await startFakeSshd();
  const handshakes: string[] = [];
  const inventory: Inventory = {
    file: 'inventory.yml',
    hosts: {
      node1: sshd.entry({ name: 'node1' }),
      here: { name: 'here', transport: 'local', privilege: 'none', dialect: 'solaris11' },
    },
  };
  const pool = createHostPool(inventory, { onHandshake: (host) => handshakes.push(host) });
  t.after(() => sshd.close());

  assert.deepEqual(pool.names(), ['node1', 'here']);
  assert.equal(sshd.connections, 0, 'nothing connects before first use');
  const node1 = pool.get('node1');
  assert.equal(pool.get('node1'), node1);
  assert.equal((await node1.exec(['echo', 'remote'])).stdout, 'remote\n');
  assert.equal((await pool.get('node1').exec(['echo', 'again'])).stdout, 'again\n');
  assert.equal((await pool.get('here').exec(['echo', 'local'])).stdout, 'local\n');
  assert.deepEqual(handshakes, ['node1']);

  assert.throws(
    () => pool.get('node3'),
    (err: unknown) => {
      assert.ok(err instanceof UnknownHostError);
      assert.equal(err.message, 'unknown host "node3"; the inventory defines: node1, here');
      return true;
    },
  );
  assert.throws(() => pool.get('constructor'), UnknownHostError);

  await pool.closeAll();
  assert.notEqual(pool.get('node1'), node1, 'after closeAll a host is created afresh');
});
