import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Host } from '../../src/hosts/host';
import { loadInventory, type SshInventoryHost } from '../../src/hosts/inventory';
import { createSshHost } from '../../src/hosts/sshHost';
import { startLab, type Lab } from '../../src/sim/lab';
import { startRealLab, type RealLab } from './realLab';
import { transcript, type Side } from './transcript';
import { SEQUENCES } from './zfsSequences';

let realLab: RealLab;
let simLab: Lab;
let real: Side;
let sim: Side;
const hosts: Host[] = [];

async function sshHost(inventoryPath: string, name: string): Promise<Host> {
  const entry = (await loadInventory(inventoryPath)).hosts[name];
  assert.equal(entry?.transport, 'ssh');
  const host = createSshHost(entry as SshInventoryHost);
  hosts.push(host);
  return host;
}

before(async () => {
  [realLab, simLab] = await Promise.all([
    startRealLab([{ name: 'real', pool: 'tank' }]),
    startLab({ hosts: [{ name: 'sim', release: 'zfs-fuse' }] }),
  ]);
  const labHost = realLab.hosts['real']!;
  let written = 0;
  real = {
    host: await sshHost(realLab.inventoryPath, 'real'),
    async write(dataset) {
      written += 1;
      const file = `of=/mnt/${dataset}/data-${written}`;
      const result = await labHost.runAsRoot(['dd', 'if=/dev/urandom', file, 'bs=64k', 'count=4', 'status=none']);
      assert.equal(result.code, 0, result.stderr);
    },
  };
  const simHost = simLab.hosts['sim']!;
  // The lab's pool: `zpool create -m /mnt/tank tank` on a 256 MiB file.
  simHost.addPool('tank', 256 * 1024 * 1024);
  sim = {
    host: await sshHost(simLab.inventoryPath, 'sim'),
    async write(dataset) {
      const found = simHost.dataset(dataset);
      assert.ok(found, `no simulated dataset ${dataset}`);
      simHost.writeBlocks(found, 4, true);
    },
  };
  const mountpoint = await sim.host.exec(['zfs', 'set', 'mountpoint=/mnt/tank', 'tank']);
  assert.equal(mountpoint.code, 0, mountpoint.stderr);
});

after(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  await Promise.all([realLab?.stop(), simLab?.stop()]);
});

for (const sequence of SEQUENCES) {
  test(`simulator matches zfs-fuse: ${sequence.name}`, async () => {
    const [simulated, observed] = await Promise.all([transcript(sim, sequence), transcript(real, sequence)]);
    assert.equal(simulated, observed);
  });
}
