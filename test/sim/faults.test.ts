import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { collect, outcome, relay, run, TestConnection } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }] });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 2 << 20, delegatedSizeBytes: 4 << 20 });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
});

afterEach(() => lab.faults.clear());
after(() => lab.stop());

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

test('fail: exit code and stderr without running the command; hits and remove()', async () => {
  const fault = lab.faults.add({
    host: 'node1',
    match: 'zfs snapshot',
    action: 'fail',
    exitCode: 3,
    stderr: 'zfs: injected',
  });
  const r = await run(lab, 'node1', 'pfexec zfs snapshot pool1/www@f');
  assert.deepEqual([r.code, r.stderr], [3, 'zfs: injected\n']);
  assert.equal(lab.hosts['node1']!.dataset('pool1/www')!.snapshots.length, 0);
  assert.equal(fault.hits, 1);
  assert.deepEqual(lab.commandLog.at(-1), {
    host: 'node1',
    line: 'pfexec zfs snapshot pool1/www@f',
    exitCode: 3,
    running: false,
  });
  const other = await run(lab, 'node2', 'zfs snapshot rpool/zones@f');
  assert.equal(other.code, 0, 'the fault is limited to node1');
  fault.remove();
  assert.equal((await run(lab, 'node1', 'zfs snapshot pool1/www@f')).code, 0);
  assert.equal(fault.hits, 1);
});

test('nth and times pick which matching calls fail', async () => {
  const second = lab.faults.add({ match: /^zfs list/, action: 'fail', nth: 2 });
  const codes = [];
  for (let i = 0; i < 3; i++) codes.push((await run(lab, 'node1', 'zfs list -H -o name pool1')).code);
  assert.deepEqual(codes, [0, 1, 0]);
  assert.equal(second.hits, 1);
  lab.faults.clear();
  lab.faults.add({ match: 'zoneadm list', action: 'fail', times: 2 });
  const limited = [];
  for (let i = 0; i < 3; i++) limited.push((await run(lab, 'node1', 'zoneadm list -cp')).code);
  assert.deepEqual(limited, [1, 1, 0]);
});

test('hang: no answer until the channel is closed', async () => {
  const fault = lab.faults.add({ match: 'zoneadm -z www list', action: 'hang' });
  const conn = await TestConnection.open(lab, 'node1');
  const channel = await conn.channel('zoneadm -z www list -p');
  const result = collect(channel);
  await until(() => fault.hits === 1);
  const entry = lab.commandLog.at(-1)!;
  assert.equal(entry.exitCode, null);
  channel.close();
  const r = await result;
  assert.equal(r.code, null);
  assert.equal(r.stdout, '');
  assert.equal(entry.exitCode, null);
  conn.end();
});

test('disconnect: the whole SSH connection drops', async () => {
  lab.faults.add({ match: 'beadm', action: 'disconnect' });
  const conn = await TestConnection.open(lab, 'node1');
  const closed = conn.closed();
  const r = await conn.run('beadm list -H');
  await closed;
  assert.equal(r.code, null);
});

test('disconnect after N bytes cuts a send mid-stream; the receive applies nothing', async () => {
  await run(lab, 'node1', 'zfs snapshot pool1/www@cut');
  lab.faults.add({ host: 'node1', match: 'zfs send', action: 'disconnect', afterBytes: 1 << 20 });
  const r = await relay(
    lab,
    { host: 'node1', line: 'zfs send pool1/www@cut' },
    { host: 'node2', line: 'zfs receive -e pool1' },
  );
  assert.equal(r.send.code, null);
  assert.deepEqual([r.receive.code, r.receive.stderr], [1, 'cannot receive: failed to read from stream\n']);
  assert.equal(lab.hosts['node2']!.dataset('pool1/www'), undefined);
});

test('hang after N bytes stalls a receive until its channel is closed', async () => {
  await run(lab, 'node1', 'zfs snapshot pool1/www@stall');
  const fault = lab.faults.add({ host: 'node2', match: 'zfs receive', action: 'hang', afterBytes: 512 * 1024 });
  const conn = await TestConnection.open(lab, 'node2');
  const send = await TestConnection.open(lab, 'node1');
  const sendChannel = await send.channel('zfs send pool1/www@stall');
  const receiveChannel = await conn.channel('zfs receive -e pool1');
  const done = outcome(receiveChannel);
  const sent = collect(sendChannel);
  sendChannel.pipe(receiveChannel);
  assert.equal((await sent).code, 0);
  const entry = lab.commandLog.filter((c) => c.host === 'node2' && c.line === 'zfs receive -e pool1').at(-1);
  assert.equal(fault.hits, 1);
  assert.equal(entry?.exitCode, null, 'the receive has not answered');
  receiveChannel.close();
  assert.equal((await done).code, null);
  assert.equal(lab.hosts['node2']!.dataset('pool1/www'), undefined);
  sendChannel.close();
  send.end();
  conn.end();
});

test('slow: the command runs after the delay', async () => {
  const fault = lab.faults.add({ host: 'node1', match: 'zfs snapshot pool1/www@slow', action: 'slow', delayMs: 200 });
  const pending = run(lab, 'node1', 'zfs snapshot pool1/www@slow');
  await until(() => fault.hits === 1);
  assert.equal(lab.hosts['node1']!.zfs.snapshot('pool1/www@slow'), undefined);
  assert.equal((await pending).code, 0);
  assert.ok(lab.hosts['node1']!.zfs.snapshot('pool1/www@slow'));
});

test('commandLog records every command line each host ran, with its exit code', async () => {
  const mark = lab.commandLog.length;
  await run(lab, 'node2', 'zoneadm list -cp');
  await run(lab, 'node2', 'nosuchcommand -x');
  assert.deepEqual(lab.commandLog.slice(mark), [
    { host: 'node2', line: 'zoneadm list -cp', exitCode: 0, running: false },
    { host: 'node2', line: 'nosuchcommand -x', exitCode: 127, running: false },
  ]);
});
