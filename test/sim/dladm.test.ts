import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 'node1' }] });
  const host = lab.hosts['node1']!;
  host.aggregations.push('aggr0');
  host.addVnic('www0', 'aggr0');
});

after(() => lab.stop());

test('dladm show-link lists every class; -p with several fields is colon-separated', async () => {
  const all = await run(lab, 'node1', 'dladm show-link -p -o link,class,over');
  assert.deepEqual([all.code, all.stdout], [0, 'net0:phys:--\nnet1:phys:--\naggr0:aggr:--\nwww0:vnic:aggr0\n']);
  for (const link of ['net1', 'aggr0', 'www0']) {
    assert.equal((await run(lab, 'node1', `dladm show-link -p -o link ${link}`)).stdout, `${link}\n`);
  }
});

test('dladm show-link: a missing link and -p without -o fail as dladm.c does', async () => {
  const missing = await run(lab, 'node1', 'dladm show-link -p -o link,class nope0');
  assert.deepEqual(
    [missing.code, missing.stdout, missing.stderr],
    [1, '', 'dladm: link nope0 is not valid: object not found\n'],
  );
  const noFields = await run(lab, 'node1', 'dladm show-link -p');
  assert.deepEqual([noFields.code, noFields.stderr], [1, 'dladm: -p requires -o\n']);
});
