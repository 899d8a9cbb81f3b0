import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { knownHostsKeys, knownHostsName, parsePublicKey } from '../../src/hosts/knownHosts';
import { newEd25519KeyPair } from '../../src/sim/lab';

const [k1, k2, k3] = [newEd25519KeyPair().public, newEd25519KeyPair().public, newEd25519KeyPair().public];
const blob = (line: string) => parsePublicKey(line)?.blob;

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const found = (text: string, name: string) => knownHostsKeys(text, name).map((k) => k.blob.toString('base64'));
const b64 = (line: string) => blob(line)?.toString('base64');

test('the known_hosts name is the address on port 22 and [address]:port otherwise', () => {
  assert.equal(knownHostsName('10.0.0.1', 22), '10.0.0.1');
  assert.equal(knownHostsName('10.0.0.1', 2222), '[10.0.0.1]:2222');
});

test('plain, comma-separated and bracketed entries match only their own name', () => {
  const text = `# comment\n\nnode1,10.0.0.1 ${k1}\n[10.0.0.1]:2222 ${k2} root@node1\n`;
  assert.deepEqual(found(text, 'node1'), [b64(k1)]);
  assert.deepEqual(found(text, '10.0.0.1'), [b64(k1)]);
  assert.deepEqual(found(text, '[10.0.0.1]:2222'), [b64(k2)]);
  assert.deepEqual(found(text, '[10.0.0.1]:2200'), []);
  assert.deepEqual(found(text, 'node2'), []);
});

test('hashed entries match by HMAC of the name', () => {
  const text = `${hashed('[127.0.0.1]:2022')} ${k1}\n${hashed('node9')} ${k2}\n`;
  assert.deepEqual(found(text, '[127.0.0.1]:2022'), [b64(k1)]);
  assert.deepEqual(found(text, 'node9'), [b64(k2)]);
  assert.deepEqual(found(text, '127.0.0.1'), []);
});

test('wildcards and negations follow OpenSSH', () => {
  const text = `*.zones.example.com,!db.zones.example.com ${k1}\nnode? ${k2}\n`;
  assert.deepEqual(found(text, 'www.zones.example.com'), [b64(k1)]);
  assert.deepEqual(found(text, 'db.zones.example.com'), []);
  assert.deepEqual(found(text, 'node7'), [b64(k2)]);
  assert.deepEqual(found(text, 'node17'), []);
});

test('@revoked keys are never trusted and @cert-authority lines are not host keys', () => {
  const text = `node1 ${k1}\nnode1 ${k2}\n@revoked * ${k1}\n@cert-authority node1 ${k3}\n`;
  assert.deepEqual(found(text, 'node1'), [b64(k2)]);
});

test('malformed lines are skipped', () => {
  const text = `node1\nnode1 ssh-ed25519\nnode1 ssh-ed25519 !!!\nnode1 ${k1}\n`;
  assert.deepEqual(found(text, 'node1'), [b64(k1)]);
});
