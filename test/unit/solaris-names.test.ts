import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  datasetNameSchema,
  hostNameSchema,
  snapNameSchema,
  snapshotNameSchema,
  vnicNameSchema,
  zoneNameSchema,
} from '../../src/solaris/index';

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: string) =>
  schema.safeParse(value).success;

test('zoneNameSchema follows the Solaris zone name rules', () => {
  for (const ok of ['www', 'z1', 'kzone1', '1zone', 'a.b_c-d', 'a'.repeat(63), 'sunwlike', 'xSUNW']) {
    assert.ok(accepts(zoneNameSchema, ok), ok);
  }
  for (const bad of ['', 'global', 'SUNWdefault', '-z', '.hidden', '_x', 'a'.repeat(64), 'a b', 'a/b']) {
    assert.ok(!accepts(zoneNameSchema, bad), bad);
  }
});

test('datasetNameSchema follows the ZFS component rules', () => {
  for (const ok of [
    'rpool',
    'rpool/zones/www',
    'pool1/www/pool1',
    'rpool/VARSHARE/zones/kz1/disk0',
    'p/a:b.c_d-e',
    `p/${'a'.repeat(253)}`,
  ]) {
    assert.ok(accepts(datasetNameSchema, ok), ok);
  }
  for (const bad of [
    '',
    '1pool/x',
    '-pool',
    'rpool/',
    'rpool//x',
    '/rpool',
    'rpool/a@s',
    'rpool/..',
    'rpool/./x',
    `p/${'a'.repeat(254)}`,
    'rpool/a b',
  ]) {
    assert.ok(!accepts(datasetNameSchema, bad), bad);
  }
});

test('snapshot names: full ds@snap and the short part after @', () => {
  for (const ok of ['rpool/zones/www@move', 'rpool@zmig-1.2:3']) assert.ok(accepts(snapshotNameSchema, ok), ok);
  for (const bad of ['rpool/zones/www', 'rpool/zones/www@', '@move', 'rpool@a@b', '1pool@s', 'rpool@a/b']) {
    assert.ok(!accepts(snapshotNameSchema, bad), bad);
  }
  assert.ok(accepts(snapNameSchema, 'zmig-m1-2'));
  for (const bad of ['', 'a@b', 'a/b', 'a b']) assert.ok(!accepts(snapNameSchema, bad), bad);
});

test('vnicNameSchema follows the dladm link name rules', () => {
  for (const ok of ['www0', 'www10', 'net0', 'zone_a1', 'vnic1000', `a${'b'.repeat(29)}1`])
    assert.ok(accepts(vnicNameSchema, ok), ok);
  for (const bad of ['www', '0www1', 'www01', 'www-0', 'www.0', '', `a${'b'.repeat(30)}1`])
    assert.ok(!accepts(vnicNameSchema, bad), bad);
});

test('hostNameSchema accepts inventory names', () => {
  for (const ok of ['node1', 'node2.example.com', 'gz_a-1']) assert.ok(accepts(hostNameSchema, ok), ok);
  for (const bad of ['', '-node', 'node 1', 'a'.repeat(64)]) assert.ok(!accepts(hostNameSchema, bad), bad);
});

const dangerous = [...' \t\n\r\v\f;&|$`\'"\\<>(){}[]*?!#~^,%=+', '\u00a0', '\u2028', '\0'];

test('property: no name schema accepts a string with a shell metacharacter, whitespace, quote or newline', () => {
  const schemas = [
    zoneNameSchema,
    datasetNameSchema,
    snapshotNameSchema,
    snapNameSchema,
    vnicNameSchema,
    hostNameSchema,
  ];
  // Build candidates that would otherwise be valid for most schemas, then inject one bad character.
  const candidate = fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
      fc.constantFrom(...dangerous),
      fc.stringMatching(/^[a-z0-9]{0,8}$/),
      fc.constantFrom('', '/x', '@s', '1'),
    )
    .map(([head, bad, tail, suffix]) => `${head}${bad}${tail}${suffix}`);
  fc.assert(
    fc.property(candidate, (value) => schemas.every((schema) => !schema.safeParse(value).success)),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
      fc.pre(dangerous.some((ch) => value.includes(ch)));
      return schemas.every((schema) => !schema.safeParse(value).success);
    }),
    { numRuns: 2000 },
  );
});
