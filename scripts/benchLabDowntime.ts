// coldMove's downtime on real ZFS (zfs-fuse), OpenSSH and sudo: the real-component lab's two hosts,
// the zone's application writing, relay and direct transport. Printed, never asserted.
import { ensureLabPackages } from '../test/realLab/labPackages';
import { labColdMoveRig } from '../test/realLab/labColdMoveRig';
import { startZoneApplication } from '../test/realLab/labZone';
import type { ColdMoveResult } from '../src/contracts/coldMove/result';

const MiB = 1024 * 1024;

export async function benchLabDowntime(temporalAddress: string, say: (s: string) => void): Promise<void> {
  await ensureLabPackages();
  // The lab's rig finds the Temporal server as the tests do.
  process.env['TEMPORAL_ADDRESS'] = temporalAddress;
  say('\ncoldMove on the real-component lab (zfs-fuse, OpenSSH, sudo), 32 MiB zone BE, application writing:');
  for (const transport of ['relay', 'direct'] as const) {
    const rig = await labColdMoveRig({ zbeBytes: 32 * MiB, delegatedBytes: 4 * MiB });
    try {
      await startZoneApplication(rig.lab.hosts['lab1']!);
      const started = performance.now();
      const result = (await (await rig.start({ transport })).result()) as ColdMoveResult;
      const total = (performance.now() - started) / 1000;
      say(
        `  ${transport.padEnd(6)}: downtime ${(result.downtimeMs / 1000).toFixed(2)} s of ${total.toFixed(1)} s, ${result.rounds} rounds, ${(result.bytesTransferred / MiB).toFixed(1)} MiB`,
      );
    } finally {
      await rig.close();
    }
  }
}
