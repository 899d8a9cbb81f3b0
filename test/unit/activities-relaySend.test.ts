import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedSide, relaySend } from '../../src/activities/zfs/relaySend';
import { createLocalHost } from '../../src/hosts/localHost';

const host = createLocalHost({ name: 'here', transport: 'local', privilege: 'none', dialect: 'illumos' });
// A receiver that refuses the stream after its first bytes, as `zfs receive` does ("cannot receive
// new filesystem stream: destination … exists"), while the sender still has plenty to write.
const SEND = ['head', '-c', '50000000', '/dev/zero'];
const REFUSE = ['sh', '-c', 'head -c 1000 >/dev/null; echo "cannot receive: destination exists" >&2; exit 1'];

test("a receiver that exits first reports its own status and stderr, not the broken pipe's", async () => {
  // The pipe breaks before the receiver's exit status arrives; repeated because that order is a race.
  for (let i = 0; i < 20; i++) {
    const outcome = await relaySend(host, SEND, host, REFUSE, {});
    assert.deepEqual(
      [outcome.receive.code, outcome.receive.stderr],
      [1, 'cannot receive: destination exists\n'],
      `run ${i + 1}`,
    );
    assert.notEqual(outcome.send.code, 0, 'the sender was stopped');
    assert.equal(failedSide(outcome), 'receive', 'the refusal is what the operator reads');
  }
});

test('a sender that fails leaves the receiver to end on its input and say why', async () => {
  const outcome = await relaySend(
    host,
    ['sh', '-c', 'head -c 5000 /dev/zero; echo "cannot send: I/O error" >&2; exit 1'],
    host,
    ['sh', '-c', 'wc -c >&2; exit 3'],
    {},
  );
  assert.deepEqual([outcome.send.code, outcome.send.stderr], [1, 'cannot send: I/O error\n']);
  assert.equal(outcome.receive.code, 3);
  assert.match(outcome.receive.stderr, /^\s*5000\n$/);
  assert.equal(failedSide(outcome), 'send', "the receiver's complaint is a consequence");
});

test('when both succeed every byte is counted', async () => {
  const outcome = await relaySend(host, ['head', '-c', '123456', '/dev/zero'], host, ['sh', '-c', 'wc -c'], {});
  assert.deepEqual([outcome.send.code, outcome.receive.code, outcome.bytes], [0, 0, 123456]);
  assert.equal(failedSide(outcome), undefined);
});
