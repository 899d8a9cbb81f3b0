import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { failureInterceptor } from '../../src/activities/failureInterceptor';
import { capText, FAILURE_TEXT_LIMIT } from '../../src/activities/failureText';
import { commandFailed, toActivityFailure } from '../../src/activities/failures';
import { NON_RETRYABLE_TYPES } from '../../src/contracts/failureTypes';
import {
  CommandAbortedError,
  HostKeyMismatchError,
  HostUnreachableError,
  InventoryError,
  OutputLimitError,
  UnknownHostError,
} from '../../src/hosts/errors';
import { InvalidArgumentError, ParseError, zonecfgValue } from '../../src/solaris';

const cases: [Error, string, boolean][] = [
  [new HostKeyMismatchError('node1', 'SHA256:x'), 'HostKeyMismatch', true],
  [new HostUnreachableError('node1', 'connection refused'), 'HostUnreachable', false],
  [new CommandAbortedError('node1', 'zfs list'), 'CommandAborted', false],
  [new UnknownHostError('node9', ['node1']), 'UnknownHost', true],
  [new InventoryError('inventory.yml: hosts.node1.port: expected integer 1-65535'), 'InventoryInvalid', true],
  [new OutputLimitError('node1', 'zfs list', 16 << 20), 'OutputLimit', true],
  [new ParseError('zfs get', 'garbage', 'expected 4 fields'), 'ParseError', true],
  [new InvalidArgumentError('zonecfg value "a\\"b" cannot contain a double quote'), 'InvalidInput', true],
];

for (const [err, type, final] of cases) {
  test(`${err.name} becomes ${type}, ${final ? 'never' : ''} retried`, () => {
    const mapped = toActivityFailure(err);
    assert.ok(mapped instanceof ApplicationFailure);
    assert.deepEqual([mapped.type, mapped.nonRetryable, mapped.message], [type, final, err.message]);
    assert.equal(NON_RETRYABLE_TYPES.includes(type), final, 'the workflows list the same types');
  });
}

test('a cancellation and an unknown error pass through unchanged', () => {
  const cancelled = new CancelledFailure('cancelled');
  assert.equal(toActivityFailure(cancelled), cancelled);
  const bug = new TypeError('x is undefined');
  assert.equal(toActivityFailure(bug), bug);
});

test('the interceptor maps whatever an activity throws (zonecfgValue threw a plain Error before)', async () => {
  const inbound = failureInterceptor()({} as never).inbound!;
  const thrown = await inbound.execute!({} as never, async () => zonecfgValue('say "hi"')).then(
    () => assert.fail('should throw'),
    (e: unknown) => e,
  );
  assert.ok(thrown instanceof ApplicationFailure);
  assert.deepEqual([thrown.type, thrown.nonRetryable], ['InvalidInput', true]);
});

test('16 MiB of stderr: the failure keeps head and tail and says how much was left out', () => {
  const stderr = `first line\n${'x'.repeat(16 << 20)}\nlast line`;
  const f = commandFailed({ host: 'node1', command: 'zfs receive', exitCode: 1, stderr });
  assert.ok(f.message.length < FAILURE_TEXT_LIMIT + 200, `${f.message.length} characters`);
  assert.match(f.message, /^node1: `zfs receive` exited 1: first line\n/);
  assert.match(f.message, /\nlast line$/);
  assert.match(f.message, /characters of \d+ left out/);
  assert.ok(JSON.stringify(f.details).length < 2 * FAILURE_TEXT_LIMIT + 500, 'details are capped too');
  const rethrown = toActivityFailure(
    ApplicationFailure.create({ type: 'PreconditionFailed', message: 'y'.repeat(1 << 20), nonRetryable: true }),
  );
  assert.ok(
    rethrown instanceof ApplicationFailure &&
      rethrown.message.length < FAILURE_TEXT_LIMIT + 200 &&
      rethrown.nonRetryable,
  );
  assert.equal(capText('short'), 'short');
});
