import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureInterceptor } from '../../src/activities/failureInterceptor';
import { capText, FAILURE_TEXT_LIMIT } from '../../src/activities/failureText';
import { commandFailed, toActivityFailure } from '../../src/activities/failures';
import { FailureType, NON_RETRYABLE_TYPES } from '../../src/contracts/failureTypes';
import {
  CommandAbortedError,
  HostKeyMismatchError,
  HostUnreachableError,
  InventoryError,
  OutputLimitError,
  UnknownHostError,
} from '../../src/hosts/errors';
import { InvalidArgumentError, ParseError, zonecfgValue } from '../../src/solaris';

const cases: [Error, FailureType, boolean][] = [
  [new HostKeyMismatchError('node1', 'SHA256:x'), FailureType.HostKeyMismatch, true],
  [new HostUnreachableError('node1', 'connection refused'), FailureType.HostUnreachable, false],
  [new CommandAbortedError('node1', 'zfs list'), FailureType.CommandAborted, false],
  [new UnknownHostError('node9', ['node1']), FailureType.UnknownHost, true],
  [new InventoryError('inventory.yml: hosts.node1.port: expected integer 1-65535'), FailureType.InventoryInvalid, true],
  [new OutputLimitError('node1', 'zfs list', 16 << 20), FailureType.OutputLimit, true],
  [new ParseError('zfs get', 'garbage', 'expected 4 fields'), FailureType.ParseError, true],
  [new InvalidArgumentError('zonecfg value "a\\"b" cannot contain a double quote'), FailureType.InvalidInput, true],
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
  assert.deepEqual([thrown.type, thrown.nonRetryable], [FailureType.InvalidInput, true]);
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
    ApplicationFailure.create({
      type: FailureType.PreconditionFailed,
      message: 'y'.repeat(1 << 20),
      nonRetryable: true,
    }),
  );
  assert.ok(
    rethrown instanceof ApplicationFailure &&
      rethrown.message.length < FAILURE_TEXT_LIMIT + 200 &&
      rethrown.nonRetryable,
  );
  assert.equal(capText('short'), 'short');
});

/** Every .ts file under a folder of src/. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('failure types are named only in src/contracts/failureTypes.ts: code uses its constants', () => {
  const src = fileURLToPath(new URL('../../src', import.meta.url));
  // A capitalised string where a failure type goes: `type: 'X'`, `.type === 'X'`, a retry policy's list.
  const literal = /\btype:\s*'[A-Z]|\.type\s*[!=]==?\s*'[A-Z]|ErrorTypes:\s*\[\s*'/;
  const offenders = ['activities', 'workflows', 'client']
    .flatMap((layer) => sourcesUnder(join(src, layer)))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (literal.test(line) ? [`${file.slice(src.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
    );
  assert.deepEqual(offenders, []);
});
