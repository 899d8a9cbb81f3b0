import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../src/sim/shell/parse';

test('quotes and escapes are removed the way /bin/sh removes them', () => {
  assert.deepEqual(parseCommandLine(`zonecfg -z www 'set bootargs="-m verbose"; end' "a\\"b" c\\ d`), [
    { op: ';', pipeline: [['zonecfg', '-z', 'www', 'set bootargs="-m verbose"; end', 'a"b', 'c d']] },
  ]);
  assert.deepEqual(parseCommandLine(`echo 'it'\\''s'`), [{ op: ';', pipeline: [['echo', "it's"]] }]);
  assert.deepEqual(parseCommandLine(`x ''`), [{ op: ';', pipeline: [['x', '']] }]);
});

test('pipelines and lists', () => {
  assert.deepEqual(parseCommandLine('zfs send -rc a@s | ssh node2 zfs receive -e p; zoneadm list && true || false'), [
    {
      op: ';',
      pipeline: [
        ['zfs', 'send', '-rc', 'a@s'],
        ['ssh', 'node2', 'zfs', 'receive', '-e', 'p'],
      ],
    },
    { op: ';', pipeline: [['zoneadm', 'list']] },
    { op: '&&', pipeline: [['true']] },
    { op: '||', pipeline: [['false']] },
  ]);
});

test('syntax errors', () => {
  assert.throws(() => parseCommandLine("echo 'open"), /unterminated/);
  assert.throws(() => parseCommandLine('| zfs list'), /unexpected token/);
  assert.throws(() => parseCommandLine('zfs list &&'), /unexpected end/);
});
