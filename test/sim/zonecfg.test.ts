import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }] });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 1 << 20, delegatedSizeBytes: 1 << 20, bootargs: '-m verbose' });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
});

after(() => lab.stop());

const EXPORTED = `create -b
set brand=solaris
set zonepath=/zones/www
set autoboot=true
set autoshutdown=shutdown
set bootargs=-m verbose
set ip-type=exclusive
add net
set physical=www0
end
add dataset
set name=pool1/www
set alias=pool1
end
`;

test('export reproduces the bootargs quoting bug of Solaris 11.1', async () => {
  const r = await run(lab, 'node1', 'zonecfg -z www export');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, EXPORTED);
});

test('the unquoted export fails on the extra word, in file mode, and configures nothing', async () => {
  const r = await run(lab, 'node2', 'pfexec zonecfg -z www -f -', EXPORTED);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "On line 6 of -:\nsyntax error at 'verbose'\n");
  assert.equal(lab.hosts['node2']!.zone('www'), undefined);
});

test('with bootargs quoted (the seed 002 sed fix) the export round-trips to another host', async () => {
  const fixed = EXPORTED.replace('set bootargs=-m verbose', 'set bootargs="-m verbose"');
  const r = await run(lab, 'node2', 'pfexec zonecfg -z www -f -', fixed);
  assert.equal(r.code, 0, r.stderr);
  const target = lab.hosts['node2']!.zone('www')!;
  assert.equal(target.state, 'configured');
  assert.deepEqual(target.config, lab.hosts['node1']!.zone('www')!.config);
  assert.equal((await run(lab, 'node2', 'zonecfg -z www export')).stdout, EXPORTED);
  const again = await run(lab, 'node2', 'zonecfg -z www -f -', fixed);
  assert.equal(again.code, 1);
  assert.equal(again.stderr, 'On line 1 of -:\nZone exists, input not from terminal and -F not specified:\ncreate command ignored, exiting.\n');
});

test('info prints globals then tab-indented resources; info <prop> prints one line', async () => {
  const info = await run(lab, 'node1', 'zonecfg -z www info');
  assert.match(info.stdout, /^zonename: www\nzonepath: \/zones\/www\nbrand: solaris\nautoboot: true\n/);
  assert.match(info.stdout, /\nnet:\n\taddress not specified\n\tallowed-address not specified\n\tconfigure-allowed-address not specified\n\tphysical: www0\n/);
  assert.match(info.stdout, /\ndataset:\n\tname: pool1\/www\n\talias: pool1\n$/);
  assert.equal((await run(lab, 'node1', 'zonecfg -z www info zonepath')).stdout, 'zonepath: /zones/www\n');
});

test('subcommands on one line: set, add attr, remove attr; each run commits', async () => {
  const host = lab.hosts['node1']!;
  const add = await run(lab, 'node1', "zonecfg -z www 'set autoboot=false; add attr; set name=zmig-migration; set type=string; set value=m1; end'");
  assert.equal(add.code, 0, add.stderr);
  assert.equal(host.zone('www')!.config.props.autoboot, 'false');
  assert.deepEqual(host.zone('www')!.config.resources.at(-1), { type: 'attr', props: { name: 'zmig-migration', type: 'string', value: 'm1' } });
  assert.equal((await run(lab, 'node1', 'zonecfg -z www info attr')).stdout, 'attr:\n\tname: zmig-migration\n\ttype: string\n\tvalue: m1\n');
  const remove = await run(lab, 'node1', 'zonecfg -z www remove attr name=zmig-migration');
  assert.equal(remove.code, 0, remove.stderr);
  assert.equal(host.zone('www')!.config.resources.some((r) => r.type === 'attr'), false);
  const missing = await run(lab, 'node1', 'zonecfg -z www remove attr name=zmig-migration');
  assert.equal(missing.code, 1);
  await run(lab, 'node1', 'zonecfg -z www set autoboot=true');
});

test('a resource missing a required property is refused at end', async () => {
  const r = await run(lab, 'node1', 'zonecfg -z www "add net; end"');
  assert.deepEqual([r.code, r.stderr], [1, 'physical not specified\n']);
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
