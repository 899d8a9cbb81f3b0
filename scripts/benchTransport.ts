// `npm run bench -- transport`: the same bytes moved three ways between two real-component lab hosts
// (real zfs-fuse, real OpenSSH sshd, sudo), as ratios:
//  - relay: zmig's relaySend, both SSH channels through this process
//  - pipe:  `ssh A 'zfs send …' | ssh B 'zfs receive …'` with OpenSSH's client, same cipher
//  - local: `zfs send | zfs receive` inside one host, no network
// once for a ZFS stream and once for a raw 1 GiB stream (head -c / cat), which separates transport
// cost from zfs-fuse's own speed. The relay's connections are open before timing (a worker keeps
// them); each pipe pays its two OpenSSH handshakes, as an operator's would. Goal: relay ≥ 1.2 × pipe,
// raw relay ≥ 400 MiB/s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { relaySend } from '../src/activities/zfs/relaySend';
import { loadInventory, type SshInventoryHost } from '../src/hosts/inventory';
import type { Host } from '../src/hosts/host';
import { createSshHost } from '../src/hosts/sshHost';
import { quoteArg } from '../src/hosts/quote';
import { ensureLabPackages } from '../test/realLab/labPackages';
import { mustRun } from '../test/realLab/localCommand';
import { startRealLab, type RealLab } from '../test/realLab/realLab';

const MiB = 1024 * 1024;
const ZFS_DATA_MiB = 64;
const RAW_BYTES = 1024 * MiB;

interface Method {
  name: 'relay' | 'pipe' | 'local';
  run(send: string[], receive: string[]): Promise<void>;
}

/** The cipher ssh2 (zmig's SSH client) and this sshd agree on, for OpenSSH's client to use too. */
function negotiatedCipher(entry: SshInventoryHost, privateKey: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('handshake', (negotiated) => {
      resolve(negotiated.cs.cipher);
      client.end();
    });
    client.on('error', reject);
    client.connect({
      host: entry.address,
      port: entry.port,
      username: entry.user,
      privateKey,
      hostVerifier: () => true,
    });
  });
}

async function connectedHosts(
  entries: Record<string, SshInventoryHost>,
  privilege: 'sudo' | 'none',
): Promise<RelayHosts> {
  const [a, b] = (['lab1', 'lab2'] as const).map((name) => createSshHost({ ...entries[name]!, privilege }));
  await Promise.all([a!.exec(['true']), b!.exec(['true'])]);
  return { a: a!, b: b! };
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/** The relay's two hosts, connected before the clock starts: a worker keeps its connections open. */
interface RelayHosts {
  a: Host;
  b: Host;
}

function methods(
  lab: RealLab,
  entries: Record<string, SshInventoryHost>,
  cipher: string,
  privileged: boolean,
  relayHosts: RelayHosts,
): Method[] {
  const key = join(lab.dir, 'id_ed25519');
  const knownHosts = join(lab.dir, 'known_hosts');
  const prefix = privileged ? ['sudo', '-n'] : [];
  const ssh = (name: string, argv: string[]): string =>
    [
      'ssh',
      '-i',
      key,
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'BatchMode=yes',
      '-c',
      cipher,
      '-p',
      String(entries[name]!.port),
      `${lab.user.name}@127.0.0.1`,
      [...prefix, ...argv].map(quoteArg).join(' '),
    ]
      .map(quoteArg)
      .join(' ');
  return [
    {
      name: 'relay',
      async run(send, receive) {
        const out = await relaySend(relayHosts.a, send, relayHosts.b, receive, {});
        if (out.send.code !== 0 || out.receive.code !== 0)
          throw new Error(`relay failed: ${out.send.stderr} ${out.receive.stderr}`);
      },
    },
    {
      name: 'pipe',
      async run(send, receive) {
        await mustRun(['bash', '-o', 'pipefail', '-c', `${ssh('lab1', send)} | ${ssh('lab2', receive)}`]);
      },
    },
    {
      name: 'local',
      async run(send, receive) {
        const local = (argv: string[]) => argv.map(quoteArg).join(' ');
        const res = await lab.hosts['lab1']!.runAsRoot([
          'bash',
          '-o',
          'pipefail',
          '-c',
          `${local(send)} | ${local(receive)}`,
        ]);
        if (res.code !== 0) throw new Error(`local pipe failed: ${res.stderr}`);
      },
    },
  ];
}

function report(say: (s: string) => void, title: string, bytes: number, seconds: Map<string, number>): void {
  const rate = (name: string) => bytes / MiB / (seconds.get(name) ?? NaN);
  say(`\n${title}:`);
  for (const [name, s] of seconds) say(`  ${name.padEnd(6)} ${s.toFixed(2)} s  ${rate(name).toFixed(0)} MiB/s`);
  say(`  relay / pipe  ${(rate('relay') / rate('pipe')).toFixed(2)}×   (goal ≥ 1.2×)`);
  say(`  relay / local ${(rate('relay') / rate('local')).toFixed(2)}×`);
}

export async function benchTransport(say: (s: string) => void): Promise<void> {
  await ensureLabPackages();
  const lab = await startRealLab([
    { name: 'lab1', pool: 'tank1' },
    { name: 'lab2', pool: 'tank2' },
  ]);
  try {
    const inventory = await loadInventory(lab.inventoryPath);
    const entries = inventory.hosts as Record<string, SshInventoryHost>;
    const cipher = await negotiatedCipher(entries['lab1']!, readFileSync(join(lab.dir, 'id_ed25519'), 'utf8'));
    say(`\ntransport between two real-component lab hosts (zfs-fuse, OpenSSH sshd, sudo), cipher ${cipher}:`);

    const lab1 = lab.hosts['lab1']!;
    await lab1.runAsRoot(['zfs', 'create', 'tank1/bench']);
    await lab1.runAsRoot(['sh', '-c', `head -c ${ZFS_DATA_MiB * MiB} /dev/urandom > /mnt/tank1/bench/data`]);
    await lab1.runAsRoot(['zfs', 'snapshot', 'tank1/bench@s']);
    const zfsSeconds = new Map<string, number>();
    const sudo = await connectedHosts(entries, 'sudo');
    for (const method of methods(lab, entries, cipher, true, sudo)) {
      // The local method receives on the sending host's own pool.
      const target = method.name === 'local' ? `tank1/r-${method.name}` : `tank2/r-${method.name}`;
      zfsSeconds.set(
        method.name,
        await timed(() => method.run(['zfs', 'send', 'tank1/bench@s'], ['zfs', 'receive', target])),
      );
      const owner = method.name === 'local' ? lab1 : lab.hosts['lab2']!;
      await owner.runAsRoot(['zfs', 'destroy', '-r', target]);
    }
    report(
      say,
      `ZFS stream of ${ZFS_DATA_MiB} MiB of random data (zfs send | zfs receive)`,
      ZFS_DATA_MiB * MiB,
      zfsSeconds,
    );

    const rawSeconds = new Map<string, number>();
    const plain = await connectedHosts(entries, 'none');
    for (const method of methods(lab, entries, cipher, false, plain)) {
      rawSeconds.set(
        method.name,
        await timed(() => method.run(['head', '-c', String(RAW_BYTES), '/dev/zero'], ['sh', '-c', 'cat > /dev/null'])),
      );
    }
    report(say, `raw stream of ${RAW_BYTES / MiB} MiB (head -c | cat)`, RAW_BYTES, rawSeconds);
    const raw = RAW_BYTES / MiB / (rawSeconds.get('relay') ?? NaN);
    say(`  raw relay ${raw.toFixed(0)} MiB/s   (goal ≥ 400 MiB/s)`);
    await Promise.all([sudo, plain].flatMap((h) => [h.a.close(), h.b.close()]));
  } finally {
    await lab.stop();
  }
}
