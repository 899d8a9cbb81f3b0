import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { keyMaterialInExport, redactKeyMaterial, withKeyRedacted } from '../../src/activities/kz/keyMaterial';
import { ParseError } from '../../src/solaris';

const KEY = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const EXPORT = `create -b\nset brand=solaris-kz\nadd device\nset storage=iscsi://s/luname.naa.600144f068d1cd00000053ecd3d20001\nend\nadd keysource\nset raw="${KEY}"\nend\n`;

test('the key material of an export: the values set inside keysource, nothing else', () => {
  assert.deepEqual(keyMaterialInExport(EXPORT), [KEY]);
  assert.deepEqual(keyMaterialInExport('create -b\nset brand=solaris\n'), []);
});

test('redaction removes the key wherever it appears, and any raw= zonecfg echoes', () => {
  const text = `On line 7: set raw=${KEY.slice(0, 20)}: syntax error; also ${KEY}`;
  const out = redactKeyMaterial(text, [KEY]);
  assert.doesNotMatch(out, new RegExp(KEY.slice(0, 12)));
  assert.match(out, /raw=<key material redacted>/);
});

test('a key cut in two by the failure-text cap is redacted on both sides of the cut; other hex stays', () => {
  const guid = '600144F068D1CD00000053ECD3D20001';
  const text = `head ${KEY.slice(0, 30)}\n… 4096 characters of 90000 left out …\n${KEY.slice(30)} tail, LU ${guid}`;
  const out = redactKeyMaterial(text, [KEY]);
  assert.equal(out.includes(KEY.slice(0, 30)), false);
  assert.equal(out.includes(KEY.slice(30)), false);
  assert.match(out, new RegExp(guid), 'hex that is no part of the key is kept');
});

test('a failure thrown inside withKeyRedacted leaves without the key, keeping its type and finality', async () => {
  const failing = () =>
    withKeyRedacted(
      () => [KEY],
      async () => {
        throw ApplicationFailure.create({
          type: 'CommandFailed',
          message: `zonecfg: ${KEY}`,
          nonRetryable: true,
          details: [{ stderr: `echo ${KEY}` }],
        });
      },
    );
  await assert.rejects(failing, (err: unknown) => {
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.type, 'CommandFailed');
    assert.equal(err.nonRetryable, true);
    assert.doesNotMatch(JSON.stringify([err.message, err.details]), new RegExp(KEY));
    return true;
  });
  const parse = () =>
    withKeyRedacted(
      () => [KEY],
      async () => {
        throw new ParseError('zonecfg export', `set raw=${KEY}`, 'bad line');
      },
    );
  await assert.rejects(parse, (err: unknown) => {
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.type, 'ParseError');
    assert.doesNotMatch(err.message, new RegExp(KEY));
    return true;
  });
});
