import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLab } from '../../src/sim/lab';
import { seedSourceHost, seedTargetHost } from '../../src/sim/fixtures';
import { relay, run } from './sshClient';

const MiB = 1024 * 1024;

test('a 256 MiB send over SSH (relay through this process): prints the rate', async () => {
  const lab = await startLab({ hosts: [{ name: 'node1' }, { name: 'node2' }] });
  try {
    seedSourceHost(lab.hosts['node1']!, { sizeBytes: MiB, delegatedSizeBytes: 256 * MiB });
    seedTargetHost(lab.hosts['node2']!);
    await run(lab, 'node1', 'zfs snapshot pool1/www@t');
    const started = process.hrtime.bigint();
    const r = await relay(
      lab,
      { host: 'node1', line: 'zfs send pool1/www@t' },
      { host: 'node2', line: 'zfs receive -e pool1' },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.equal(r.receive.code, 0, r.receive.stderr);
    assert.equal(lab.hosts['node2']!.contentHash('pool1/www'), lab.hosts['node1']!.contentHash('pool1/www@t'));
    console.log(`# sim send/receive: 256 MiB in ${seconds.toFixed(2)} s = ${(256 / seconds).toFixed(1)} MB/s`);
  } finally {
    await lab.stop();
  }
});
