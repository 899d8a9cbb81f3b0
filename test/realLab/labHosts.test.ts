import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HostKeyMismatchError, InventoryError } from '../../src/hosts/errors';
import { loadInventory, type SshInventoryHost } from '../../src/hosts/inventory';
import { createSshHost } from '../../src/hosts/sshHost';
import { isAlive } from './labProcesses';
import { startRealLab, type RealLab } from './realLab';

let lab: RealLab;

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}
let entries: Record<string, SshInventoryHost>;

before(async () => {
  lab = await startRealLab([
    { name: 'lab1', pool: 'tank1' },
    { name: 'lab2', pool: 'tank2' },
  ]);
  const inventory = await loadInventory(lab.inventoryPath);
  entries = Object.fromEntries(
    Object.entries(inventory.hosts).map(([name, host]) => {
      assert.equal(host.transport, 'ssh');
      return [name, host as SshInventoryHost];
    }),
  );
});

after(() => lab.stop());

async function withHost<T>(
  entry: SshInventoryHost,
  use: (host: ReturnType<typeof createSshHost>) => Promise<T>,
): Promise<T> {
  const host = createSshHost(entry);
  try {
    return await use(host);
  } finally {
    await host.close();
  }
}

test('two lab hosts at once: each zfs-fuse daemon sees only its own pool', async () => {
  for (const [name, pool] of [
    ['lab1', 'tank1'],
    ['lab2', 'tank2'],
  ] as const) {
    const pools = await lab.hosts[name]!.runAsRoot(['zpool', 'list', '-H', '-o', 'name']);
    assert.deepEqual([pools.code, pools.stdout], [0, `${pool}\n`], pools.stderr);
    // The pool cache a daemon imports from at start is the host's own, never the machine's.
    const cache = readFileSync(join(lab.hosts[name]!.dir, 'var-lib-zfs', 'zpool.cache'), 'latin1');
    assert.deepEqual(
      ['tank1', 'tank2'].filter((p) => cache.includes(p)),
      [pool],
    );
  }
  const globalCache = existsSync('/var/lib/zfs/zpool.cache') ? readFileSync('/var/lib/zfs/zpool.cache', 'latin1') : '';
  assert.doesNotMatch(globalCache, /tank[12]/);
});

test("zmig's SSH host logs in as the non-root lab user and runs zfs through sudo -n", async () => {
  await withHost(entries['lab1']!, async (host) => {
    // Only zfs, zoneadm, zonecfg and zlogin are escalated: `id` runs as the login user.
    const login = await host.exec(['id', '-un']);
    assert.deepEqual([login.code, login.stdout], [0, 'zmiglab\n']);
    // `sudo -n id` is not a documented command line, so sudo refuses it.
    const refused = await host.exec(['sudo', '-n', 'id']);
    assert.deepEqual([refused.code, refused.stderr], [1, 'sudo: a password is required\n']);
    const created = await host.exec(['zfs', 'create', '-o', 'org.example:by=zmig', 'tank1/viaSudo']);
    assert.deepEqual([created.code, created.stderr], [0, '']);
    const got = await host.exec(['zfs', 'get', '-H', '-o', 'name,value,source', 'org.example:by', 'tank1/viaSudo']);
    assert.deepEqual([got.code, got.stdout], [0, 'tank1/viaSudo\tzmig\tlocal\n']);
  });
  await withHost({ ...entries['lab1']!, privilege: 'none' }, async (host) => {
    const login = await host.exec(['id', '-un']);
    assert.deepEqual([login.code, login.stdout], [0, 'zmiglab\n']);
    const denied = await host.exec(['zfs', 'destroy', 'tank1/viaSudo']);
    assert.notEqual(denied.code, 0, 'the lab user destroyed a dataset without sudo');
  });
});

test("a replication stream relayed by zmig's SSH host layer arrives intact on the other lab host", async () => {
  const source = lab.hosts['lab1']!;
  const target = lab.hosts['lab2']!;
  const prepared = await source.runAsRoot([
    'sh',
    '-c',
    'zfs create tank1/data && dd if=/dev/urandom of=/mnt/tank1/data/blob bs=64k count=16 status=none && zfs snapshot tank1/data@s1',
  ]);
  assert.equal(prepared.code, 0, prepared.stderr);
  await withHost(entries['lab1']!, (from) =>
    withHost(entries['lab2']!, async (to) => {
      const send = from.spawn(['zfs', 'send', '-R', 'tank1/data@s1']);
      const receive = to.spawn(['zfs', 'receive', '-d', 'tank2']);
      send.stdout.pipe(receive.stdin);
      const [sent, received] = await Promise.all([send.done, receive.done]);
      assert.deepEqual([sent.code, received.code, received.stderr], [0, 0, '']);
    }),
  );
  const hash = async (host: typeof source, path: string) =>
    (await host.runAsRoot(['sha256sum', path])).stdout.split(' ')[0];
  const original = await hash(source, '/mnt/tank1/data/blob');
  assert.match(original ?? '', /^[0-9a-f]{64}$/);
  assert.equal(await hash(target, '/mnt/tank2/data/blob'), original);
});

test('a host key that does not match is refused before anything runs', async () => {
  // The other lab host's key, as an inventory that names the wrong key would have it.
  const wrongKey: SshInventoryHost = { ...entries['lab1']!, hostKey: lab.hosts['lab2']!.hostPublicKey };
  delete wrongKey.knownHosts;
  await withHost(wrongKey, async (host) => {
    await assert.rejects(host.exec(['zfs', 'create', 'tank1/mustNotExist']), HostKeyMismatchError);
  });
  const listed = await lab.hosts['lab1']!.runAsRoot(['zfs', 'list', '-H', '-o', 'name', 'tank1/mustNotExist']);
  assert.equal(listed.code, 1);
});

test('logins are key-only: an unknown client key is refused', async () => {
  const otherKey: SshInventoryHost = {
    ...entries['lab1']!,
    privateKey: `${lab.hosts['lab1']!.dir}/ssh_host_ed25519_key`,
  };
  await withHost(otherKey, async (host) => {
    await assert.rejects(
      host.exec(['true']),
      (err: Error) => err instanceof InventoryError && /authentication as zmiglab failed/.test(err.message),
    );
  });
});

test('stopping the lab stops every process it started, sessions included, by pid', async () => {
  const extra = await startRealLab([{ name: 'lab3', pool: 'tank3' }]);
  try {
    const host = createSshHost({
      ...((await loadInventory(extra.inventoryPath)).hosts['lab3'] as SshInventoryHost),
      privilege: 'none',
    });
    const running = host.exec(['sleep', '60']).catch(() => undefined);
    const sessionRuns = () => extra.hosts['lab3']!.pids().some((pid) => commandLine(pid) === 'sleep 60');
    for (let tries = 0; tries < 200 && !sessionRuns(); tries += 1) await new Promise((r) => setTimeout(r, 50));
    assert.ok(sessionRuns(), 'the ssh session never started');
    const pids = extra.hosts['lab3']!.pids();
    await extra.stop();
    await host.close();
    await running;
    assert.ok(pids.length >= 4, `expected holder, zfs-fuse, sshd and a session, got ${pids.length}`);
    assert.deepEqual(pids.filter(isAlive), []);
  } finally {
    await extra.stop();
  }
});
