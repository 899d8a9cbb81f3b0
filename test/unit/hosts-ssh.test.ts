import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSshHost } from '../../src/hosts/sshHost';
import {
  CommandAbortedError,
  HostKeyMismatchError,
  HostUnreachableError,
  InventoryError,
  OutputLimitError,
} from '../../src/hosts/errors';
import { newEd25519KeyPair } from '../../src/sim/lab';
import { startFakeSshd } from './hosts-sshd';

test('exec returns exit code, stdout and stderr; a non-zero exit is a result', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const result = await host.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
  assert.deepEqual(result, { code: 3, stdout: 'out\n', stderr: 'err\n' });
  assert.equal(host.name, 'node1');
  assert.equal(host.dialect, 'solaris11');
});

test('the remote shell receives exactly the argv', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const args = ["it's", '$(touch /tmp/x)', '`id`', 'a b', 'line\nbreak', ';|&', ''];
  const result = await host.exec(['printf', '%s\\0', ...args]);
  assert.deepEqual(result.stdout.split('\0').slice(0, -1), args);
  assert.equal(sshd.execs.length, 1);
});

test('the privilege prefix is part of the remote command line', async (t) => {
  const sshd = await startFakeSshd((command, channel) => {
    channel.exit(0);
    channel.end(command);
    return true;
  });
  const host = createSshHost(sshd.entry({ privilege: 'sudo' }));
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const result = await host.exec(['zfs', 'list', '-H', '-o', 'name']);
  assert.equal(result.stdout, 'sudo -n zfs list -H -o name');
});

test('stdin is delivered and closed; without stdin the command sees EOF', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  assert.equal(
    (await host.exec(['cat'], { stdin: 'create -b\nset zonepath=/zones/www\n' })).stdout,
    'create -b\nset zonepath=/zones/www\n',
  );
  assert.equal((await host.exec(['wc', '-c'], { stdin: Buffer.alloc(300_000, 7) })).stdout.trim(), '300000');
  assert.deepEqual(await host.exec(['cat']), { code: 0, stdout: '', stderr: '' });
});

test('onStdout streams the output instead of capturing it', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const chunks: Buffer[] = [];
  const result = await host.exec(['head', '-c', '1000000', '/dev/zero'], { onStdout: (c) => chunks.push(c) });
  assert.equal(result.stdout, '');
  assert.equal(result.code, 0);
  assert.equal(Buffer.concat(chunks).length, 1_000_000);
});

test('output past 16 MiB stops the command with OutputLimitError', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const closed = once(sshd.events, 'channel-closed');
  await assert.rejects(host.exec(['cat', '/dev/zero']), OutputLimitError);
  await closed;
});

test('a host key that does not match is refused before any command runs', async (t) => {
  const sshd = await startFakeSshd();
  const other = newEd25519KeyPair().public;
  const wrongKey = createSshHost(sshd.entry({ knownHosts: undefined, hostKey: other }));
  t.after(() => Promise.all([wrongKey.close(), sshd.close()]));

  await assert.rejects(wrongKey.exec(['echo', 'hi']), (err: unknown) => {
    assert.ok(err instanceof HostKeyMismatchError);
    assert.match(err.message, /node1: host key mismatch \(presented SHA256:[A-Za-z0-9+/]+\)/);
    return true;
  });
  assert.deepEqual(sshd.execs, []);
});

test('a known_hosts file without an entry for [address]:port is refused too', async (t) => {
  const sshd = await startFakeSshd();
  const unknownPort = createSshHost(sshd.entry({ port: sshd.port, address: 'localhost' }));
  const inline = createSshHost(sshd.entry({ knownHosts: undefined, hostKey: sshd.hostPublicKey }));
  t.after(() => Promise.all([unknownPort.close(), inline.close(), sshd.close()]));

  await assert.rejects(unknownPort.exec(['true']), HostKeyMismatchError);
  assert.deepEqual(sshd.execs, []);
  assert.equal((await inline.exec(['echo', 'trusted'])).stdout, 'trusted\n');
});

test('aborting stops the remote command: signal KILL, then the channel closes', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const controller = new AbortController();
  const started = once(sshd.events, 'exec');
  const running = host.exec(['sleep', '60'], { signal: controller.signal });
  await started;
  const killed = once(sshd.events, 'signal');
  const closed = once(sshd.events, 'channel-closed');
  controller.abort();
  await assert.rejects(running, CommandAbortedError);
  assert.deepEqual(await killed, ['KILL']);
  assert.deepEqual(await closed, ['sleep 60']);

  await assert.rejects(host.exec(['true'], { signal: controller.signal }), CommandAbortedError);
  assert.equal(sshd.execs.length, 1, 'an already aborted signal runs nothing');
});

test('concurrent commands share one connection; a dropped connection is reopened by the next command', async (t) => {
  const sshd = await startFakeSshd();
  let handshakes = 0;
  const host = createSshHost(sshd.entry(), { onHandshake: () => (handshakes += 1) });
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const [a, b] = await Promise.all([host.exec(['echo', 'a']), host.exec(['echo', 'b'])]);
  assert.equal(a.stdout + b.stdout, 'a\nb\n');
  assert.equal(handshakes, 1);
  assert.equal(sshd.connections, 1);

  sshd.dropConnections();
  assert.equal((await host.exec(['echo', 'again'])).stdout, 'again\n');
  assert.equal(handshakes, 2);
  assert.equal(sshd.connections, 2);
});

test('a connection lost mid-command is a transport failure', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const started = once(sshd.events, 'exec');
  const running = host.exec(['sleep', '60']);
  await started;
  sshd.dropConnections();
  await assert.rejects(running, (err: unknown) => {
    assert.ok(err instanceof HostUnreachableError);
    assert.match(err.message, /connection lost before the command reported its exit status/);
    return true;
  });
});

test('an unreachable address is a transport failure', async () => {
  const sshd = await startFakeSshd();
  const port = sshd.port;
  await sshd.close();
  const host = createSshHost(sshd.entry({ port }));
  await assert.rejects(host.exec(['true']), HostUnreachableError);
});

test('an encrypted private key needs passphraseFile; a key that cannot be used is a configuration error naming its path only', async (t) => {
  const sshd = await startFakeSshd();
  t.after(() => sshd.close());
  const dir = mkdtempSync(join(tmpdir(), 'zmig-key-'));
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'open sesame' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  writeFileSync(join(dir, 'id_rsa'), privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'pass'), 'open sesame\n');
  writeFileSync(join(dir, 'wrong'), 'guess\n');
  const run = (extra: Record<string, string>) =>
    createSshHost(sshd.entry({ privateKey: join(dir, 'id_rsa'), ...extra })).exec(['true']);

  await assert.rejects(run({}), (err: unknown) => {
    assert.ok(err instanceof InventoryError);
    assert.match(err.message, /privateKey \S+id_rsa cannot be used: .*encrypted.*needs passphraseFile/i);
    assert.ok(!err.message.includes('PRIVATE KEY'), 'no key material in the message');
    return true;
  });
  await assert.rejects(run({ passphraseFile: join(dir, 'wrong') }), InventoryError);
  // With the passphrase the key is usable; this server only knows another key, so it is refused there.
  await assert.rejects(
    run({ passphraseFile: join(dir, 'pass') }),
    (err: unknown) => err instanceof InventoryError && /authentication as \S+ failed/.test(err.message),
  );
  // A passphrase pasted where its file's path belongs is not echoed back.
  await assert.rejects(run({ passphraseFile: join(dir, 'hunter2') }), (err: unknown) => {
    assert.ok(err instanceof InventoryError);
    assert.ok(!err.message.includes('hunter2'), err.message);
    assert.match(err.message, /cannot read passphraseFile: ENOENT/);
    return true;
  });
});
