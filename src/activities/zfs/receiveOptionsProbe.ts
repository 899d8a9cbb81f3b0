import type { Host } from '../../hosts/host';
import { run } from '../commandRunner';
import { lacksFeature, noteMissingFeature } from '../hostFeatures';

const asked = new WeakSet<Host>();

/**
 * Whether the target's `zfs receive` takes `-o`, asked once per host with `-n` and an empty input
 * before any stream flows. Finding out from the real receive instead means stopping a send that
 * has started: on zfs-fuse a `zfs send -R` whose reader exits before its first write keeps its
 * snapshot busy ("dataset is busy" on destroy) until the daemon restarts, so undo and pruning could
 * no longer destroy zmig's snapshots (observed in the real-component lab, docs/fidelity.md). A
 * release without `-o` says `invalid option 'o'` (exit 2); one with it reads the empty input and
 * fails `cannot receive: failed to read from stream`, which here means yes.
 */
export async function receiveTakesOptions(target: Host, receiveArgv: readonly string[]): Promise<boolean> {
  if (!asked.has(target) && !lacksFeature(target, 'receiveSetProps')) {
    const [zfs, receive, ...rest] = receiveArgv;
    noteMissingFeature(
      target,
      'receiveSetProps',
      await run(target, [zfs ?? 'zfs', receive ?? 'receive', '-n', ...rest], { stdin: '' }),
    );
    asked.add(target);
  }
  return !lacksFeature(target, 'receiveSetProps');
}
