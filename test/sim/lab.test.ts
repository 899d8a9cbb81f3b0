import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { parse } from 'yaml';
import { newEd25519KeyPair, startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost } from '../../src/sim/fixtures';
import { collect, run, TestConnection } from './sshClient';

const { Client, utils } = ssh2;
let lab: Lab;

before(async () => {
  lab = await startLab({
    hosts: [{ name: 'node1' }, { name: 'node2' }],
    timings: { transferBytesPerSec: 1024 * 1024 },
  });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 8 << 20 });
});

after(() => lab.stop());

/** Connects and reports the host key the server presented (or the connection error). */
function presentedKey(port: number, privateKey: Buffer | string): Promise<{ key?: Buffer; error?: Error }> {
  return new Promise((resolve) => {
    const client = new Client();
    let key: Buffer | undefined;
    client.on('ready', () => {
      client.end();
      resolve({ key });
    });
    client.on('error', (error) => resolve({ key, error }));
    client.connect({
      host: '127.0.0.1',
      port,
      username: 'root',
      privateKey,
      hostVerifier: (k: Buffer) => {
        key = k;
        return true;
      },
    });
  });
}

function knownKey(name: string): Buffer {
  const line = readFileSync(join(lab.dir, 'known_hosts'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`[127.0.0.1]:${lab.ports[name]} `));
  const parsed = utils.parseKey(line?.split(' ').slice(1).join(' ') ?? '');
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad known_hosts line');
  return parsed.getPublicSSH();
}

test('the lab writes the inventory, the client key and known_hosts', () => {
  const inventory = parse(readFileSync(lab.inventoryPath, 'utf8')) as {
    hosts: Record<string, Record<string, unknown>>;
  };
  assert.deepEqual(inventory.hosts['node1'], {
    address: '127.0.0.1',
    port: lab.ports['node1'],
    user: 'root',
    privateKey: 'id_ed25519',
    knownHosts: 'known_hosts',
    privilege: 'pfexec',
    dialect: 'solaris11',
  });
  assert.notEqual(lab.ports['node1'], lab.ports['node2']);
  assert.notDeepEqual(knownKey('node1'), knownKey('node2'), 'each host has its own key');
});

test('only the lab client key is accepted', async () => {
  const own = await presentedKey(lab.ports['node1']!, readFileSync(join(lab.dir, 'id_ed25519')));
  assert.equal(own.error, undefined);
  assert.deepEqual(own.key, knownKey('node1'));
  const stranger = await presentedKey(lab.ports['node1']!, newEd25519KeyPair().private);
  assert.match(String(stranger.error), /authentication methods failed/);
});

test('rotateHostKey presents a key that no longer matches known_hosts', async () => {
  const key = readFileSync(join(lab.dir, 'id_ed25519'));
  await lab.rotateHostKey('node2');
  const after = await presentedKey(lab.ports['node2']!, key);
  assert.equal(after.error, undefined);
  assert.notDeepEqual(after.key, knownKey('node2'));
});

test('dropConnections closes live connections; a closed channel stops a long send', async () => {
  await run(lab, 'node1', 'zfs snapshot pool1/www@long');
  const conn = await TestConnection.open(lab, 'node1');
  const closed = conn.closed();
  const channel = await conn.channel('zfs send pool1/www@long');
  const result = collect(channel);
  await new Promise<void>((resolve) => channel.once('data', () => resolve()));
  const entry = lab.commandLog.at(-1)!;
  assert.equal(entry.running, true);
  lab.dropConnections('node1');
  await closed;
  assert.equal((await result).code, null);
  while (entry.running) await new Promise((r) => setTimeout(r, 5));
  assert.equal(entry.exitCode, null);
});

test('privilege prefixes are stripped; unknown commands exit 127', async () => {
  assert.equal((await run(lab, 'node1', 'sudo -n zoneadm list')).stdout, 'global\nwww\n');
  assert.equal((await run(lab, 'node1', 'pfexec zoneadm list')).stdout, 'global\nwww\n');
  const unknown = await run(lab, 'node1', 'pfexec frobnicate --now');
  assert.deepEqual([unknown.code, unknown.stderr], [127, 'sh: frobnicate: not found\n']);
  const syntax = await run(lab, 'node1', "zoneadm list 'open");
  assert.equal(syntax.code, 2);
});

test('an illumos host prints the 7-field zoneadm list -p format', async () => {
  const illumos = await startLab({ hosts: [{ name: 'omni', dialect: 'illumos' }] });
  try {
    seedSourceHost(illumos.hosts['omni']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20 });
    const r = await run(illumos, 'omni', 'zoneadm list -p');
    assert.equal(r.stdout.split('\n')[0], '0:global:running:/::solaris:shared');
    assert.match(readFileSync(illumos.inventoryPath, 'utf8'), /dialect: illumos/);
  } finally {
    await illumos.stop();
  }
});
