import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({
    hosts: [
      { name: 'node1' },
      { name: 'node2' },
      { name: 'old', release: '11.0' },
      { name: 'omni', release: 'omnios' },
    ],
  });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20, bootargs: '-m verbose' });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  for (const name of ['old', 'omni']) {
    seedTargetHost(lab.hosts[name]!);
    lab.hosts[name]!.configureZone('www', lab.hosts['node1']!.zone('www')!.config, 'configured');
  }
});

after(() => lab.stop());

/** Solaris 11.0 zonecfg.c helptab short usages, printed after every syntax error. */
const COMMANDS_HELP = `Commands:

add <resource-type>
\t(global scope)
add <property-name> <property-value>
\t(resource scope)
cancel
clear <property-name>
commit
create [-F] [ -a <path> | -b | -t <template> ]
delete [-F]
end
exit [-F]
export [-f output-file]
help [commands] [syntax] [usage] [<command-name>]
info [<resource-type> [property-name=property-value]*]
remove [-F] <resource-type> [ <property-name>=<property-value> ]*
\t(global scope)
remove <property-name> <property-value>
\t(resource scope)
revert [-F]
select <resource-type> { <property-name>=<property-value> }
set <property-name>=<property-value>
verify [-v]
`;

const EXPORTED = `create -b
set brand=solaris
set zonepath=/zones/www
set autoboot=true
set autoshutdown=shutdown
set bootargs=-m verbose
set ip-type=exclusive
add net
set configure-allowed-address=true
set physical=www0
end
add dataset
set name=pool1/www
set alias=pool1
end
`;

test('export: globals raw (bootargs unquoted), net with configure-allowed-address, non-default alias', async () => {
  const r = await run(lab, 'node1', 'zonecfg -z www export');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, EXPORTED);
});

test('export order per release: 11.0 and illumos write zonepath first; 11.0 has no autoshutdown, illumos no configure-allowed-address', async () => {
  const old = await run(lab, 'old', 'zonecfg -z www export');
  assert.equal(
    old.stdout,
    'create -b\nset zonepath=/zones/www\nset brand=solaris\nset autoboot=true\nset bootargs=-m verbose\nset ip-type=exclusive\n' +
      'add net\nset configure-allowed-address=true\nset physical=www0\nend\nadd dataset\nset name=pool1/www\nset alias=pool1\nend\n',
  );
  const omni = await run(lab, 'omni', 'zonecfg -z www export');
  assert.match(omni.stdout, /^create -b\nset zonepath=\/zones\/www\nset brand=solaris\n/);
  assert.match(omni.stdout, /\nadd net\nset physical=www0\nend\n/);
});

test('export: attr values with spaces are quoted, a default dataset alias is left out', async () => {
  const host = lab.hosts['node2']!;
  host.configureZone('q', {
    props: { brand: 'solaris', zonepath: '/zones/q', 'ip-type': 'exclusive', autoboot: 'false' },
    resources: [
      { type: 'attr', props: { name: 'comment', type: 'string', value: 'two words' } },
      { type: 'dataset', props: { name: 'pool1/q', alias: 'q' } },
    ],
  });
  const r = await run(lab, 'node2', 'zonecfg -z q export');
  assert.equal(
    r.stdout,
    'create -b\nset brand=solaris\nset zonepath=/zones/q\nset autoboot=false\nset ip-type=exclusive\n' +
      'add attr\nset name=comment\nset type=string\nset value="two words"\nend\nadd dataset\nset name=pool1/q\nend\n',
  );
  host.deleteZone('q');
});

test('-f - reads on past the unquoted bootargs: syntax error, the rest is committed, exit 1', async () => {
  const r = await run(lab, 'node2', 'pfexec zonecfg -z www -f -', EXPORTED);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `syntax error on line 6 at 'verbose'\n${COMMANDS_HELP}`);
  const zone = lab.hosts['node2']!.zone('www')!;
  assert.equal(zone.state, 'configured');
  assert.equal(zone.config.props.bootargs, undefined);
  assert.equal(
    (await run(lab, 'node2', 'zonecfg -z www export')).stdout,
    EXPORTED.replace('set bootargs=-m verbose\n', ''),
  );
  assert.equal((await run(lab, 'node2', 'zonecfg -z www delete -F')).code, 0);
});

test('with bootargs quoted the export round-trips; a second create is refused at once', async () => {
  const fixed = EXPORTED.replace('set bootargs=-m verbose', 'set bootargs="-m verbose"');
  const r = await run(lab, 'node2', 'pfexec zonecfg -z www -f -', fixed);
  assert.deepEqual([r.code, r.stderr], [0, '']);
  assert.equal(lab.hosts['node2']!.zone('www')!.state, 'configured');
  assert.equal((await run(lab, 'node2', 'zonecfg -z www export')).stdout, EXPORTED);
  const again = await run(lab, 'node2', 'zonecfg -z www -f -', fixed);
  assert.equal(again.code, 1);
  assert.equal(
    again.stderr,
    'On line 1:\nZone exists, input not from terminal and -F not specified:\ncreate command ignored, exiting.\n',
  );
});

test('-f -: an error inside a resource, then cancel: the resource is left out, the rest committed, exit 1', async () => {
  const input =
    'create -b\nset zonepath=/zones/app\nset brand=solaris\nadd net\nend\ncancel\nadd dataset\nset name=pool1/app\nend\n';
  const r = await run(lab, 'node2', 'zonecfg -z app -f -', input);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'On line 5:\nphysical not specified\n');
  assert.deepEqual(lab.hosts['node2']!.zone('app')!.config.resources, [
    { type: 'dataset', props: { name: 'pool1/app' } },
  ]);
  lab.hosts['node2']!.deleteZone('app');
});

test('-f -: input that ends inside a resource saves nothing ("Resource incomplete.")', async () => {
  const r = await run(
    lab,
    'node2',
    'zonecfg -z app -f -',
    'create -b\nset zonepath=/zones/app\nset brand=solaris\nadd net\nend\n',
  );
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'On line 5:\nphysical not specified\nResource incomplete.\n');
  assert.equal(lab.hosts['node2']!.zone('app'), undefined);
});

test('-f -: a command on a zone that does not exist says so and hints at create', async () => {
  const r = await run(lab, 'node2', 'zonecfg -z nosuch -f -', 'set autoboot=true\n');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'On line 1:\nnosuch: No such zone configured\n');
  assert.equal(r.stdout, "Use 'create' to begin configuring a new zone.\n");
});

test('-f <file>: the simulated hosts have no files', async () => {
  const r = await run(lab, 'node2', 'zonecfg -z app -f /tmp/app.cfg');
  assert.deepEqual([r.code, r.stderr], [1, 'could not open file /tmp/app.cfg: No such file or directory\n']);
  const pipe = await run(lab, 'node2', 'zonecfg -z app -f /dev/stdin', 'create\n');
  assert.deepEqual([pipe.code, pipe.stderr], [1, '/dev/stdin is not a regular file.\n']);
});

test('info prints globals then tab-indented resources; info <prop> prints one line', async () => {
  const info = await run(lab, 'node1', 'zonecfg -z www info');
  assert.match(info.stdout, /^zonename: www\nzonepath: \/zones\/www\nbrand: solaris\nautoboot: true\n/);
  assert.match(
    info.stdout,
    /\nnet:\n\taddress not specified\n\tallowed-address not specified\n\tconfigure-allowed-address not specified\n\tphysical: www0\n/,
  );
  assert.match(info.stdout, /\ndataset:\n\tname: pool1\/www\n\talias: pool1\n$/);
  assert.equal((await run(lab, 'node1', 'zonecfg -z www info zonepath')).stdout, 'zonepath: /zones/www\n');
});

test('subcommands on one line: set, add attr, remove attr; each run commits', async () => {
  const host = lab.hosts['node1']!;
  const add = await run(
    lab,
    'node1',
    "zonecfg -z www 'set autoboot=false; add attr; set name=zmig-migration; set type=string; set value=m1; end'",
  );
  assert.equal(add.code, 0, add.stderr);
  assert.equal(host.zone('www')!.config.props.autoboot, 'false');
  assert.deepEqual(host.zone('www')!.config.resources.at(-1), {
    type: 'attr',
    props: { name: 'zmig-migration', type: 'string', value: 'm1' },
  });
  assert.equal(
    (await run(lab, 'node1', 'zonecfg -z www info attr')).stdout,
    'attr:\n\tname: zmig-migration\n\ttype: string\n\tvalue: m1\n',
  );
  const remove = await run(lab, 'node1', 'zonecfg -z www remove attr name=zmig-migration');
  assert.equal(remove.code, 0, remove.stderr);
  assert.equal(
    host.zone('www')!.config.resources.some((r) => r.type === 'attr'),
    false,
  );
  const missing = await run(lab, 'node1', 'zonecfg -z www remove attr name=zmig-migration');
  assert.equal(missing.code, 1);
  await run(lab, 'node1', 'zonecfg -z www set autoboot=true');
});

test('a resource missing a required property is refused at end, and the run ends inside it', async () => {
  const r = await run(lab, 'node1', 'zonecfg -z www "add net; end"');
  assert.deepEqual([r.code, r.stderr], [1, 'physical not specified\nResource incomplete.\n']);
});

test('a word that is no property is a syntax error at the token after it', async () => {
  const r = await run(lab, 'node1', 'zonecfg -z www "set bogus=1"');
  assert.deepEqual([r.code, r.stderr], [1, `syntax error at '='\n${COMMANDS_HELP}`]);
});

test('global properties per release: 11.0 has no autoshutdown or tenant, illumos no file-mac-profile either', async () => {
  for (const [host, prop] of [
    ['old', 'autoshutdown=shutdown'],
    ['old', 'tenant=t1'],
    ['omni', 'file-mac-profile=none'],
    ['omni', 'autoshutdown=halt'],
  ]) {
    const r = await run(lab, host!, `zonecfg -z www "set ${prop}"`);
    assert.deepEqual([r.code, r.stderr], [1, `syntax error at '='\n${COMMANDS_HELP}`], `${host}: set ${prop}`);
  }
  const info = await run(lab, 'old', 'zonecfg -z www info');
  assert.doesNotMatch(info.stdout, /autoshutdown|tenant/);
  assert.match((await run(lab, 'node1', 'zonecfg -z www info')).stdout, /^autoshutdown: shutdown$/m);
});

test('unknown zone: No such zone configured; delete -F removes a configuration', async () => {
  const r = await run(lab, 'node1', 'zonecfg -z nosuch export');
  assert.deepEqual([r.code, r.stderr], [1, 'nosuch: No such zone configured\n']);
  const noForce = await run(lab, 'node2', 'zonecfg -z www delete');
  assert.equal(noForce.code, 1);
  assert.equal(noForce.stderr, 'Input not from terminal and -F not specified:\ndelete command ignored, exiting.\n');
  const deleted = await run(lab, 'node2', 'zonecfg -z www delete -F');
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(lab.hosts['node2']!.zone('www'), undefined);
});

test('delete -F of a missing zone: Solaris 11 says so twice, illumos once; exit 1', async () => {
  const solaris = await run(lab, 'node2', 'zonecfg -z nosuch delete -F');
  assert.deepEqual(
    [solaris.code, solaris.stdout, solaris.stderr],
    [1, '', 'nosuch: No such zone configured\nnosuch: No such zone configured\n'],
  );
  const old = await run(lab, 'old', 'zonecfg -z nosuch delete -F');
  assert.equal(old.stderr, 'nosuch: No such zone configured\nnosuch: No such zone configured\n');
  const omni = await run(lab, 'omni', 'zonecfg -z nosuch delete -F');
  assert.deepEqual([omni.code, omni.stderr], [1, 'nosuch: No such zone configured\n']);
});
