import { test } from 'node:test';
import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { createLocalHost } from '../../src/hosts/localHost';
import { CommandAbortedError, OutputLimitError } from '../../src/hosts/errors';
import type { LocalInventoryHost } from '../../src/hosts/inventory';

const entry = (overrides: Partial<LocalInventoryHost> = {}): LocalInventoryHost => ({
  name: 'here',
  transport: 'local',
  privilege: 'none',
  dialect: 'illumos',
  ...overrides,
});

test('local exec passes argv without a shell and returns code, stdout, stderr', async () => {
  const host = createLocalHost(entry());
  assert.equal(host.name, 'here');
  assert.equal(host.dialect, 'illumos');
  assert.deepEqual(await host.exec(['printf', '%s|', '$(id)', "it's", 'a b']), {
    code: 0,
    stdout: "$(id)|it's|a b|",
    stderr: '',
  });
  assert.deepEqual(await host.exec(['sh', '-c', 'echo no >&2; exit 4']), { code: 4, stdout: '', stderr: 'no\n' });
  assert.equal((await host.exec(['cat'], { stdin: 'piped in' })).stdout, 'piped in');
});

test('a command that cannot start answers like a shell would: 127 and a message', async () => {
  const host = createLocalHost(entry());
  const result = await host.exec(['zmig-no-such-command', '-x']);
  assert.equal(result.code, 127);
  assert.equal(result.stderr, 'zmig-no-such-command: not found\n');
});

test('the privilege prefix is prepended as argv elements', async () => {
  const host = createLocalHost(entry({ privilege: 'pfexec' }));
  const result = await host.exec(['zfs', 'list']);
  // No pfexec on this machine: the prefix is what was started.
  assert.equal(result.code, 127);
  assert.equal(result.stderr, 'pfexec: not found\n');
  // A command that needs no privilege runs without it.
  assert.equal((await host.exec(['true'])).code, 0);
});

test('local abort kills the process; an empty argv is refused', async () => {
  const host = createLocalHost(entry());
  const controller = new AbortController();
  const running = host.exec(['sleep', '60'], { signal: controller.signal });
  controller.abort();
  await assert.rejects(running, CommandAbortedError);
  await assert.rejects(host.exec([]), /empty argv/);
});

test('local output past the limit stops the command', async () => {
  const host = createLocalHost(entry());
  await assert.rejects(host.exec(['cat', '/dev/zero']), OutputLimitError);
});

test('local spawn pipes one command into another', async () => {
  const host = createLocalHost(entry());
  const send = host.spawn(['printf', 'a\\nb\\nc\\n']);
  const receive = host.spawn(['wc', '-l']);
  send.stdin.end();
  const counted = text(receive.stdout);
  await pipeline(send.stdout, receive.stdin);
  assert.equal((await counted).trim(), '3');
  assert.equal((await send.done).code, 0);
  assert.equal((await receive.done).code, 0);
  await host.close();
});
