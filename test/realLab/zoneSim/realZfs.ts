import type { ZfsState } from '../../../src/sim/model/zfsState';
import type { ExecResult } from '../../../src/hosts/host';
import { runCommand } from '../localCommand';
import { zfsChanges } from './zfsChanges';
import { imageOf, LIST_ARGV, loadIntoModel, PROPS_ARGV, type ZfsImage } from './zfsImage';

/**
 * The real ZFS of the lab host the zone simulator runs on: `zfs` is the daemon's own binary (the
 * namespace's zfs-fuse), never the PATH's, which a test may have wrapped with a fault.
 */
export class RealZfs {
  constructor(private readonly zfsPath: string) {}

  private zfs(args: readonly string[]): Promise<ExecResult> {
    return runCommand([this.zfsPath, ...args]);
  }

  private async must(args: readonly string[]): Promise<string> {
    const result = await this.zfs(args);
    if (result.code !== 0) throw new Error(`zfs ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout;
  }

  /** Loads the host's datasets into the model and returns the image to compare against afterwards. */
  async load(model: ZfsState): Promise<ZfsImage> {
    const [listing, props] = await Promise.all([this.must(LIST_ARGV), this.must(PROPS_ARGV)]);
    loadIntoModel(model, listing, props);
    return imageOf(model);
  }

  /**
   * Makes real ZFS follow what a simulated command did to the model since `before`. Stops at the
   * first zfs command that fails and returns its error text (the simulated command then fails with
   * it); undefined when everything applied.
   */
  async apply(before: ZfsImage, model: ZfsState): Promise<string | undefined> {
    const after = imageOf(model);
    const { commands, mounts } = zfsChanges(before, after);
    for (const args of commands) {
      const result = await this.zfs(args);
      if (result.code !== 0) return result.stderr || `zfs ${args.join(' ')} exited ${result.code}\n`;
    }
    for (const { dataset, mounted } of mounts) {
      // A legacy or no mountpoint: the brands' `mount -F zfs` has no counterpart on zfs-fuse here.
      if (!(after.get(dataset)?.mountpoint ?? '').startsWith('/')) continue;
      // Changing the mountpoint may already have mounted or unmounted it, as on Solaris.
      const now = (await this.must(['get', '-H', '-o', 'value', 'mounted', dataset])).trim() === 'yes';
      if (now === mounted) continue;
      const result = await this.zfs([mounted ? 'mount' : 'unmount', dataset]);
      if (result.code !== 0) return result.stderr;
    }
    return undefined;
  }
}
