import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { pipelineArgv, quoteArg, toRemoteCommand } from '../../src/hosts/quote';

/** What a real POSIX shell makes of a command line: the argv its command receives. */
function shellSplit(commandLine: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', commandLine], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

test('safe words stay bare, everything else is single-quoted', () => {
  assert.equal(quoteArg('rpool/zones/www@zmig-1'), 'rpool/zones/www@zmig-1');
  assert.equal(quoteArg('-o'), '-o');
  assert.equal(quoteArg('zmig:owner=m1'), 'zmig:owner=m1');
  assert.equal(quoteArg(''), "''");
  assert.equal(quoteArg('two words'), "'two words'");
  assert.equal(quoteArg("it's"), "'it'\\''s'");
  assert.equal(quoteArg('$(reboot)'), "'$(reboot)'");
  assert.equal(quoteArg('~root'), "'~root'");
  assert.equal(quoteArg('*'), "'*'");
});

test('toRemoteCommand prefixes the privilege and quotes each argument', () => {
  assert.equal(toRemoteCommand(['zoneadm', '-z', 'www', 'list', '-p'], 'none'), 'zoneadm -z www list -p');
  assert.equal(toRemoteCommand(['zfs', 'list', '-H'], 'pfexec'), 'pfexec zfs list -H');
  assert.equal(
    toRemoteCommand(['zonecfg', '-z', 'www', 'set bootargs="-m verbose"'], 'sudo'),
    `sudo -n zonecfg -z www 'set bootargs="-m verbose"'`,
  );
});

test('only zfs, zoneadm, zonecfg and zlogin are escalated; read-only tools and a pipeline shell run as the login user', () => {
  assert.equal(
    toRemoteCommand(['/usr/sbin/zlogin', 'www', 'init', '5'], 'sudo'),
    'sudo -n /usr/sbin/zlogin www init 5',
  );
  assert.equal(toRemoteCommand(['zoneadm', 'list', '-cp'], 'pfexec'), 'pfexec zoneadm list -cp');
  for (const argv of [
    ['uname', '-v'],
    ['beadm', 'list', '-H'],
    ['dladm', 'show-link', 'net0'],
    ['/bin/sh', '-c', 'zfs send x | ssh y'],
    ['ssh', 'node2', 'true'],
  ]) {
    assert.equal(toRemoteCommand(argv, 'sudo'), toRemoteCommand(argv, 'none'), argv.join(' '));
  }
});

test('a command word that the shell would read as an assignment or keyword is quoted', () => {
  assert.equal(toRemoteCommand(['A=b', 'x'], 'none'), "'A=b' x");
  assert.equal(toRemoteCommand(['if', 'x'], 'none'), "'if' x");
  assert.equal(toRemoteCommand(['x', 'A=b', 'if'], 'none'), 'x A=b if');
});

test('toRemoteCommand refuses an empty argv and NUL bytes', () => {
  assert.throws(() => toRemoteCommand([], 'none'), /empty argv/);
  assert.throws(() => toRemoteCommand([], 'sudo'), /empty argv/);
  assert.throws(() => toRemoteCommand(['echo', 'a\0b'], 'none'), /NUL/);
  assert.throws(() => quoteArg('\0'), /NUL/);
});

test('pipelineArgv builds one sh -c whose stages are quoted', () => {
  const argv = pipelineArgv([
    ['zfs', 'send', '-R', 'rpool/zones/www@zmig-1'],
    ['ssh', 'node2', toRemoteCommand(['zfs', 'receive', '-u', 'rpool/zones/www'], 'pfexec')],
  ]);
  assert.deepEqual(argv, [
    '/bin/sh',
    '-c',
    "zfs send -R rpool/zones/www@zmig-1 | ssh node2 'pfexec zfs receive -u rpool/zones/www'",
  ]);
  assert.throws(() => pipelineArgv([]), /empty pipeline/);
});

test('pipelineArgv runs as a real pipeline', () => {
  const [, , script] = pipelineArgv([
    ['printf', '%s\\n', "it's", '$(x)'],
    ['tr', 'a-z', 'A-Z'],
  ]);
  assert.equal(execFileSync('/bin/sh', ['-c', script ?? ''], { encoding: 'utf8' }), "IT'S\n$(X)\n");
});

const nasty = fc.string({
  unit: fc.constantFrom(
    "'",
    '"',
    '\\',
    '$',
    '(',
    ')',
    '`',
    '\n',
    '\t',
    ' ',
    ';',
    '|',
    '&',
    '*',
    '?',
    '~',
    '#',
    '!',
    '{',
    '}',
    '<',
    '>',
    '=',
    '-',
    'a',
    'é',
    '\u{1F600}',
  ),
});
const anyText = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'));

test('property: /bin/sh splits the quoted command line back into the original argv', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(nasty, anyText), { minLength: 1, maxLength: 6 }), (args) => {
      const line = toRemoteCommand(['printf', '%s\\0', ...args], 'none');
      assert.deepEqual(shellSplit(line), args);
    }),
    { numRuns: 300 },
  );
});

test('property: a quoted pipeline stage survives the second shell too', () => {
  fc.assert(
    fc.property(fc.array(nasty, { minLength: 1, maxLength: 4 }), (args) => {
      const [, , script] = pipelineArgv([['printf', '%s\\0', ...args], ['cat']]);
      const outer = toRemoteCommand(['/bin/sh', '-c', script ?? ''], 'none');
      assert.deepEqual(shellSplit(outer), args);
    }),
    { numRuns: 100 },
  );
});
