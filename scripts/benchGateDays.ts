// A 48-hour cutover gate, simulated: the gate's re-sync activity run for as many rounds as 48 hours
// at the default 60 s re-sync give (2,880), on the simulator, with the pause between rounds shortened
// (time itself changes nothing the gate keeps: it counts rounds). Printed: snapshots per dataset on
// either host, the activity's heap, the commands per round; the workflow records the activity as
// three events however many rounds it runs (benchGate.ts measures those).
import { MockActivityEnvironment } from '@temporalio/testing';
import { roundOf } from '../src/activities/zfs/roundDiff';
import type { ResyncHeartbeat, ResyncResult } from '../src/activities/zfs/resyncUntilCancelled';
import { snapshotPrefix } from '../src/contracts/migrationNaming';
import { migrationId, preSeeded } from '../test/e2e/preSeededLab';

const ROUNDS_IN_48_HOURS = (48 * 3600) / 60;
const MiB = 1024 * 1024;

export async function benchGateDays(say: (s: string) => void, rounds = ROUNDS_IN_48_HOURS): Promise<void> {
  const rig = await preSeeded(8 * MiB);
  const node1 = rig.lab.hosts['node1']!;
  node1.startWriter({ zone: 'www', dataset: 'rpool/zones/www', bytesPerSec: MiB });
  const prefix = snapshotPrefix(migrationId);
  const ours = () =>
    Math.max(
      ...rig.args.datasets.flatMap((d) =>
        (['node1', 'node2'] as const).flatMap((host) =>
          rig.lab.hosts[host]!.zfs.tree(host === 'node1' ? d.source : d.target).map(
            (ds) => ds.snapshots.filter((s) => roundOf(prefix, s.name) !== undefined).length,
          ),
        ),
      ),
    );
  const env = new MockActivityEnvironment();
  let most = 0;
  let heapAt100 = 0;
  let done = 0;
  env.on('heartbeat', (d: ResyncHeartbeat) => {
    most = Math.max(most, ours());
    if (d.rounds === 100 && !heapAt100) heapAt100 = process.memoryUsage().heapUsed;
    if (d.rounds >= rounds && done === 0) {
      done = d.rounds;
      env.cancel();
    }
  });
  const commandsBefore = rig.lab.commandLog.length;
  const started = performance.now();
  const result: ResyncResult = await env.run(() =>
    rig.acts.resyncUntilCancelled({
      ...rig.args,
      transport: 'relay',
      everySeconds: 0.001,
      until: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  node1.stopWriters();
  const heapEnd = process.memoryUsage().heapUsed;
  const span = rounds === ROUNDS_IN_48_HOURS ? ' (48 h at the default 60 s)' : '';
  say(`\na long cutover gate simulated: ${rounds} re-sync rounds${span} in one activity, 1 MiB/s of writes:`);
  say(
    `  ${result.rounds} rounds in ${seconds.toFixed(0)} s; at most ${most} zmig snapshots per dataset on either host (${ours()} after); ${((rig.lab.commandLog.length - commandsBefore) / result.rounds).toFixed(1)} commands per round`,
  );
  say(
    `  worker heap after 100 rounds ${(heapAt100 / MiB).toFixed(0)} MiB, after ${result.rounds}: ${(heapEnd / MiB).toFixed(0)} MiB (the simulator's command log, kept for tests, grows with the rounds)`,
  );
  await rig.close();
}
