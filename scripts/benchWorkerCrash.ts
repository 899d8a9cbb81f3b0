// `npm run bench`, worker crash: the downtime a SIGKILLed worker adds when it dies inside the
// downtime window (while detaching the source, while attaching on the target), against the same
// migration without a kill. The worker runs as its own process (`zmig worker`), as in production;
// the replacement starts at once, as a supervisor would start it. The added downtime includes the
// new worker's start (it bundles the workflows, a few seconds here) where that outlasts the
// heartbeat timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { seedSourceHost, seedTargetHost } from '../src/sim/fixtures';
import { startLab } from '../src/sim/lab';
import type { ColdMoveResult } from '../src/contracts/coldMove/result';

const ZMIG = fileURLToPath(new URL('../bin/zmig.mjs', import.meta.url));
const MiB = 1024 * 1024;

function workerProcess(address: string, inventoryPath: string, taskQueue: string): ChildProcess {
  return spawn(process.execPath, [ZMIG, 'worker', '--inventory', inventoryPath, '--task-queue', taskQueue], {
    env: { ...process.env, TEMPORAL_ADDRESS: address },
    stdio: 'ignore',
  });
}

const exited = (child: ChildProcess) =>
  new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

/** One 256 MiB coldMove on a worker process, killed once `killDuring` runs on a host (if given). */
async function downtimeMs(client: Client, address: string, name: string, killDuring?: RegExp): Promise<number> {
  // Realistic zone operation times, so the kill lands inside the command, as it would on a real host.
  const lab = await startLab({
    hosts: [{ name: 'node1' }, { name: 'node2' }],
    timings: {
      bootMs: 2000,
      shutdownMs: 2000,
      haltMs: 500,
      attachMs: 3000,
      detachMs: 3000,
      commandLatencyMs: 2,
      transferBytesPerSec: 200 * MiB,
    },
  });
  seedSourceHost(lab.hosts['node1']!, { sizeBytes: 256 * MiB, delegatedSizeBytes: 16 * MiB });
  seedTargetHost(lab.hosts['node2']!, { vnics: ['www0'] });
  const taskQueue = `bench-crash-${name}`;
  let worker = workerProcess(address, lab.inventoryPath, taskQueue);
  try {
    const handle = await client.workflow.start('coldMove', {
      taskQueue,
      workflowId: `bench/crash-${name}`,
      args: [{ zone: 'www', source: 'node1', target: 'node2' }],
    });
    if (killDuring) {
      const giveUp = Date.now() + 300_000;
      while (!lab.commandLog.some((c) => c.running && killDuring.test(c.line))) {
        if (Date.now() > giveUp) throw new Error(`${killDuring} never ran (did the worker start?)`);
        await new Promise((r) => setTimeout(r, 20));
      }
      worker.kill('SIGKILL');
      await exited(worker);
      worker = workerProcess(address, lab.inventoryPath, taskQueue);
    }
    const result = (await handle.result()) as ColdMoveResult;
    return result.downtimeMs;
  } finally {
    worker.kill('SIGTERM');
    await exited(worker);
    await lab.stop();
  }
}

export async function benchWorkerCrash(client: Client, address: string, say: (s: string) => void): Promise<void> {
  say(
    '\ndowntime added by a worker SIGKILL inside the downtime window (worker as its own process, restarted at once):',
  );
  const base = await downtimeMs(client, address, 'none');
  say(`  no kill                         downtime ${(base / 1000).toFixed(2)} s`);
  for (const [what, during] of [
    ['detach', /zoneadm -z www detach$/],
    ['attach', /zoneadm -z www attach -z solaris$/],
  ] as const) {
    const killed = await downtimeMs(client, address, what, during);
    say(
      `  killed during ${what}            downtime ${(killed / 1000).toFixed(2)} s, added ${((killed - base) / 1000).toFixed(2)} s   (goal ≤ 30 s)`,
    );
  }
}
