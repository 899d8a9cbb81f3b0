import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSshHost } from '../../src/hosts/sshHost';
import { CommandAbortedError } from '../../src/hosts/errors';
import { startFakeSshd } from './hosts-sshd';

const MiB = 1024 * 1024;

test('spawn relays 5 MiB from one channel into another with backpressure', async (t) => {
  const payload = randomBytes(5 * MiB);
  const stream = new EventEmitter();
  let delivered = 0;
  // `stream` writes the payload the way a careful sender does: it waits for 'drain' when told to.
  const sshd = await startFakeSshd((command, channel) => {
    if (command !== 'stream') return false;
    void (async () => {
      for (let offset = 0; offset < payload.length; offset += 64 * 1024) {
        const chunk = payload.subarray(offset, offset + 64 * 1024);
        const more = channel.write(chunk, () => (delivered += chunk.length));
        if (!more) {
          stream.emit('blocked');
          await once(channel, 'drain');
        }
      }
      channel.exit(0);
      channel.end();
    })();
    return true;
  });
  const source = createSshHost(sshd.entry({ name: 'node1' }));
  const target = createSshHost(sshd.entry({ name: 'node2' }));
  t.after(() => Promise.all([source.close(), target.close(), sshd.close()]));

  const send = source.spawn(['stream']);
  send.stdin.end();
  await once(stream, 'blocked');
  // Nobody reads yet: whatever the wait, the sender stays held back by SSH windows and stream buffers.
  await sleep(200);
  assert.ok(delivered < payload.length, `sender was not held back: ${delivered} bytes delivered`);
  assert.ok(delivered <= 4.5 * MiB, `too much buffered on the receiving side: ${delivered} bytes`);

  const receive = target.spawn(['sha256sum']);
  const digest = text(receive.stdout);
  await pipeline(send.stdout, receive.stdin);
  assert.deepEqual(await send.done, { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(await receive.done, { code: 0, stdout: '', stderr: '' });
  assert.equal((await digest).split(' ')[0], createHash('sha256').update(payload).digest('hex'));
});

test('spawn: input written before the channel opens arrives; exit code and stderr come with done', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const cat = host.spawn(['cat']);
  cat.stdin.end('early bytes');
  assert.equal(await text(cat.stdout), 'early bytes');
  assert.deepEqual(await cat.done, { code: 0, stdout: '', stderr: '' });

  const failing = host.spawn(['sh', '-c', 'echo cannot receive >&2; exit 2']);
  failing.stdin.end();
  assert.equal(await text(failing.stdout), '');
  assert.deepEqual(await failing.done, { code: 2, stdout: '', stderr: 'cannot receive\n' });
});

test('spawn: aborting closes the channel and rejects done', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const controller = new AbortController();
  const started = once(sshd.events, 'exec');
  const sleeper = host.spawn(['sleep', '60'], { signal: controller.signal });
  await started;
  const closed = once(sshd.events, 'channel-closed');
  controller.abort();
  await assert.rejects(sleeper.done, CommandAbortedError);
  await closed;
  assert.equal(sleeper.stdout.destroyed, true);
});

test('spawn: a reader that goes away stops the remote command, as a broken pipe would', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const zeros = host.spawn(['cat', '/dev/zero']);
  zeros.stdin.end();
  await once(zeros.stdout, 'data');
  const closed = once(sshd.events, 'channel-closed');
  zeros.stdout.destroy();
  await assert.rejects(zeros.done, CommandAbortedError);
  await closed;
});

test('spawn: a command that exits before reading its input breaks the writer instead of stalling it', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const receive = host.spawn(['sh', '-c', 'head -c 10 >/dev/null; echo bad stream >&2; exit 1']);
  const endless = Readable.from(
    (function* () {
      for (;;) yield Buffer.alloc(64 * 1024);
    })(),
  );
  await assert.rejects(pipeline(endless, receive.stdin), /exited before reading all of its input/);
  assert.deepEqual(await receive.done, { code: 1, stdout: '', stderr: 'bad stream\n' });
});

test('spawn: a command that read everything and exited before its writer closed the stream is not a broken pipe', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  // zfs receive stops at the stream's end record without waiting for EOF; the sender's EOF may come later.
  const receive = host.spawn(['sh', '-c', 'head -c 10 >/dev/null; exit 0']);
  const lateEnd = Readable.from(
    (async function* () {
      yield Buffer.from('0123456789');
      await receive.done;
      await sleep(100);
    })(),
  );
  await pipeline(lateEnd, receive.stdin);
  assert.deepEqual(await receive.done, { code: 0, stdout: '', stderr: '' });
});

test('spawn: bytes written after the command exited still break the writer', async (t) => {
  const sshd = await startFakeSshd();
  const host = createSshHost(sshd.entry());
  t.after(() => Promise.all([host.close(), sshd.close()]));

  const receive = host.spawn(['sh', '-c', 'head -c 10 >/dev/null; exit 0']);
  const tooMuch = Readable.from(
    (async function* () {
      yield Buffer.from('0123456789');
      await receive.done;
      yield Buffer.from('trailing');
    })(),
  );
  await assert.rejects(pipeline(tooMuch, receive.stdin), /exited before reading all of its input/);
  assert.equal((await receive.done).code, 0);
});
