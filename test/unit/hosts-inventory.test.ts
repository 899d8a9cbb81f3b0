import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEd25519KeyPair } from '../../src/sim/lab';
import { loadInventory } from '../../src/hosts/inventory';
import { InventoryError } from '../../src/hosts/errors';

const hostKey = newEd25519KeyPair().public;

async function inventoryFile(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zmig-inventory-'));
  const file = join(dir, 'inventory.yml');
  await writeFile(file, yaml);
  return file;
}

test('a valid inventory resolves defaults and paths relative to its folder', async () => {
  const file = await inventoryFile(`
hosts:
  node1:
    address: 127.0.0.1
    user: root
    privateKey: keys/id_ed25519
    knownHosts: keys/known_hosts
  node2:
    address: node2.example.com
    port: 2222
    user: zmig
    hostKey: "${hostKey}"
    privilege: pfexec
    dialect: illumos
    maxSessions: 4
  here:
    transport: local
    privilege: sudo
`);
  const dir = file.slice(0, -'/inventory.yml'.length);
  const inventory = await loadInventory(file);
  assert.equal(inventory.file, file);
  assert.deepEqual(Object.keys(inventory.hosts), ['node1', 'node2', 'here']);
  assert.deepEqual(inventory.hosts['node1'], {
    name: 'node1',
    transport: 'ssh',
    address: '127.0.0.1',
    port: 22,
    user: 'root',
    privilege: 'none',
    dialect: 'solaris11',
    maxSessions: 10,
    privateKey: join(dir, 'keys/id_ed25519'),
    knownHosts: join(dir, 'keys/known_hosts'),
  });
  assert.deepEqual(inventory.hosts['node2'], {
    name: 'node2',
    transport: 'ssh',
    address: 'node2.example.com',
    port: 2222,
    user: 'zmig',
    privilege: 'pfexec',
    dialect: 'illumos',
    maxSessions: 4,
    hostKey,
  });
  assert.deepEqual(inventory.hosts['here'], {
    name: 'here',
    transport: 'local',
    privilege: 'sudo',
    dialect: 'solaris11',
  });
  assert.equal(inventory.hosts['constructor'], undefined, 'only defined names are found');
});

test('absolute key paths are kept as written', async () => {
  const file = await inventoryFile(`
hosts:
  node1: { address: 10.0.0.1, user: root, privateKey: /etc/zmig/id, knownHosts: /etc/zmig/known_hosts }
`);
  const node1 = (await loadInventory(file)).hosts['node1'];
  assert.equal(node1?.transport, 'ssh');
  assert.equal(node1.transport === 'ssh' && node1.privateKey, '/etc/zmig/id');
  assert.equal(node1.transport === 'ssh' && node1.knownHosts, '/etc/zmig/known_hosts');
});

const base = `address: 10.0.0.2, user: root, hostKey: "${hostKey}"`;
const badFields: [string, string, string][] = [
  ['port out of range', `node2: { ${base}, port: 70000 }`, 'hosts.node2.port: expected integer 1-65535'],
  ['port not a number', `node2: { ${base}, port: ssh }`, 'hosts.node2.port: expected integer 1-65535'],
  ['port fractional', `node2: { ${base}, port: 22.5 }`, 'hosts.node2.port: expected integer 1-65535'],
  ['maxSessions zero', `node2: { ${base}, maxSessions: 0 }`, 'hosts.node2.maxSessions: expected integer 1-100'],
  ['missing address', `node2: { user: root, hostKey: "${hostKey}" }`, 'hosts.node2.address: required'],
  ['missing user', `node2: { address: 10.0.0.2, hostKey: "${hostKey}" }`, 'hosts.node2.user: required'],
  [
    'bad address',
    `node2: { address: "a b", user: root, hostKey: "${hostKey}" }`,
    'hosts.node2.address: expected a host name or IP address',
  ],
  [
    'unknown privilege',
    `node2: { ${base}, privilege: root }`,
    'hosts.node2.privilege: expected one of none, pfexec, sudo',
  ],
  ['unknown dialect', `node2: { ${base}, dialect: linux }`, 'hosts.node2.dialect: expected one of solaris11, illumos'],
  ['unknown transport', `node2: { ${base}, transport: telnet }`, 'hosts.node2.transport: expected one of ssh, local'],
  ['typo in a field name', `node2: { ${base}, prot: 22 }`, 'hosts.node2.prot: unknown field'],
  // A pasted key is refused without being echoed (the message is the whole error, asserted equal).
  [
    'a pasted private key',
    `node2: { ${base}, privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n" }`,
    'hosts.node2.privateKey: expected the path of a key file, not the key itself',
  ],
  [
    'both knownHosts and hostKey',
    `node2: { ${base}, knownHosts: kh }`,
    'hosts.node2: exactly one of knownHosts or hostKey is required',
  ],
  [
    'neither knownHosts nor hostKey',
    'node2: { address: 10.0.0.2, user: root }',
    'hosts.node2: exactly one of knownHosts or hostKey is required',
  ],
  [
    'hostKey not a key',
    `node2: { address: 10.0.0.2, user: root, hostKey: "ssh-ed25519 notakey" }`,
    'hosts.node2.hostKey: expected a public key such as "ssh-ed25519 AAAA…"',
  ],
  [
    'bad host name',
    `"-node": { ${base} }`,
    'hosts.-node: invalid host name (letters, digits, "_", ".", "-"; at most 63)',
  ],
  ['host not a mapping', 'node2: 5', 'hosts.node2: expected a mapping of host settings'],
];

for (const [what, hostYaml, message] of badFields) {
  test(`bad inventory, ${what}: one line naming the file and the field`, async () => {
    const file = await inventoryFile(`hosts:\n  ${hostYaml}\n`);
    await assert.rejects(loadInventory(file), (err: unknown) => {
      assert.ok(err instanceof InventoryError);
      assert.equal(err.message, `${file}: ${message}`);
      return true;
    });
  });
}

test('several problems: the first one is named and the rest counted', async () => {
  const file = await inventoryFile('hosts:\n  a: { transport: local, port: 0, dialect: x }\n');
  await assert.rejects(loadInventory(file), {
    name: 'InventoryError',
    message: `${file}: hosts.a.port: expected integer 1-65535 (and 1 more)`,
  });
});

test('an empty file, a missing file and broken YAML each give one line', async () => {
  const empty = await inventoryFile('');
  await assert.rejects(loadInventory(empty), { message: `${empty}: hosts: required` });

  const missing = join(await mkdtemp(join(tmpdir(), 'zmig-inventory-')), 'nope.yml');
  await assert.rejects(loadInventory(missing), (err: unknown) => {
    assert.ok(err instanceof InventoryError);
    assert.match(err.message, /^.*nope\.yml: cannot read: ENOENT[^\n]*$/);
    return true;
  });

  const broken = await inventoryFile('hosts:\n  a: {\n');
  await assert.rejects(loadInventory(broken), (err: unknown) => {
    assert.ok(err instanceof InventoryError);
    assert.ok(err.message.startsWith(`${broken}: `));
    assert.ok(!err.message.includes('\n'));
    return true;
  });

  const duplicate = await inventoryFile('hosts:\n  a: { transport: local }\n  a: { transport: local }\n');
  await assert.rejects(loadInventory(duplicate), (err: unknown) => {
    assert.ok(err instanceof InventoryError);
    assert.match(err.message, /unique/);
    assert.ok(!err.message.includes('\n'));
    return true;
  });
});
