import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedTargetHost } from '../../src/sim/fixtures';
import { runZonecfg } from '../../src/sim/commands/zones/zonecfg';

// `zonecfg -f <real file>` stops at the first error (zonecfg.c read_input: "Bail out on an error in
// command file mode"). The simulated hosts have no files, so these tests drive the command-file
// runner directly with the file's text.

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node2' }] });
  seedTargetHost(lab.hosts['node2']!);
});

after(() => lab.stop());

function runFile(text: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runZonecfg(
    lab.hosts['node2']!,
    'app',
    text,
    { kind: 'file', name: '/tmp/app.cfg' },
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    },
  );
  return { code, stdout, stderr };
}

test('-f file: stops at the first error; cleanup still commits what came before; exit 1', () => {
  const r = runFile('create -b\nset zonepath=/zones/app\nset brand=solaris\nset bogus=1\nset autoboot=true\n');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^syntax error on line 4 at '='\nCommands:\n/);
  const zone = lab.hosts['node2']!.zone('app')!;
  assert.deepEqual(zone.config.props, { zonepath: '/zones/app', brand: 'solaris' });
  lab.hosts['node2']!.deleteZone('app');
});

test('-f file: an error inside a resource stops there and nothing is saved', () => {
  const r = runFile(
    'create -b\nset zonepath=/zones/app\nset brand=solaris\nadd net\nend\ncancel\nadd dataset\nset name=pool1/app\nend\n',
  );
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'On line 5 of /tmp/app.cfg:\nphysical not specified\nThe verify command only makes sense in the global scope.\nConfiguration not saved.\n',
  );
  assert.equal(lab.hosts['node2']!.zone('app'), undefined);
});

test('-f file: a configuration that does not verify is not saved', () => {
  const r = runFile('create -b\nset brand=solaris\n');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'On line 2 of /tmp/app.cfg:\nzonepath cannot be empty.\nZone app failed to verify\napp: Required resource missing\nConfiguration not saved.\n',
  );
  assert.equal(lab.hosts['node2']!.zone('app'), undefined);
});

test('-f file: a last line without a newline is never run (the grammar wants a terminator)', () => {
  const r = runFile('create -b\nset zonepath=/zones/app\nset autoboot=true');
  assert.deepEqual([r.code, r.stderr], [0, '']);
  assert.equal(lab.hosts['node2']!.zone('app')!.config.props.autoboot, undefined);
  lab.hosts['node2']!.deleteZone('app');
});

test('an error before a `;` is reported on the line before (zerr prints lex_lineno - 1)', () => {
  const r = runFile('create -b\nadd net; end; set autoboot=true\n');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'On line 1 of /tmp/app.cfg:\nphysical not specified\nThe verify command only makes sense in the global scope.\nConfiguration not saved.\n',
  );
});
