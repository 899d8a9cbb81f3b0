import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../src/sim/lab';
import { seedBaseHost } from '../../src/sim/fixtures';
import { run } from './sshClient';

let lab: Lab;

before(async () => {
  lab = await startLab({ hosts: [{ name: 's1' }, { name: 's2' }] });
  seedBaseHost(lab.hosts['s1']!);
  seedBaseHost(lab.hosts['s2']!);
});

after(() => lab.stop());

test("sudo runs only what sudoers lists, refusing the rest with sudo's message", async () => {
  const s1 = lab.hosts['s1']!;
  s1.sudoers = ['/usr/sbin/zfs'];
  try {
    assert.equal((await run(lab, 's1', 'sudo -n zfs list -H -o name rpool')).stdout, 'rpool\n');
    const shell = await run(lab, 's1', "sudo -n /bin/sh -c 'zfs list'");
    assert.deepEqual([shell.code, shell.stderr], [1, 'sudo: a password is required\n']);
    const asked = await run(lab, 's1', "sudo /bin/sh -c 'zfs list'");
    assert.deepEqual(
      [asked.code, asked.stderr],
      [1, "Sorry, user root is not allowed to execute '/bin/sh -c zfs list' as root on s1.\n"],
    );
  } finally {
    s1.sudoers = undefined;
  }
});

test('ssh with StrictHostKeyChecking=yes needs the target key in its known-hosts file', async () => {
  const port = lab.ports['s2']!;
  const ssh = `ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=kh -p ${port} root@127.0.0.1 zfs list -H -o name rpool`;
  const unknown = await run(lab, 's1', ssh);
  assert.deepEqual([unknown.code, unknown.stderr], [255, 'Host key verification failed.\n']);
  const written = await run(lab, 's1', 'tee kh', `[127.0.0.1]:${port} ${lab.hosts['s2']!.hostKeyLine}\n`);
  assert.equal(written.code, 0);
  const known = await run(lab, 's1', ssh);
  assert.deepEqual([known.code, known.stdout], [0, 'rpool\n']);
  assert.equal((await run(lab, 's1', 'rm -f kh')).code, 0);
  assert.equal(lab.hosts['s1']!.files.size, 0);
});
