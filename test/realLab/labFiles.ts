import type { LabHost } from './labHost';

/** `sha256sum` of every regular file below `dir`, by path relative to it (sorted). */
export async function fileHashes(host: LabHost, dir: string): Promise<Map<string, string>> {
  const result = await host.runAsRoot([
    'sh',
    '-ec',
    `cd ${dir}; find . -type f -print0 | sort -z | xargs -0 -r sha256sum`,
  ]);
  if (result.code !== 0) throw new Error(`${host.name}: hashing ${dir} failed: ${result.stderr}`);
  return new Map(
    result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [hash = '', path = ''] = line.split(/ +/);
        return [path, hash];
      }),
  );
}

/**
 * Mounts a dataset the global zone does not mount (a zone BE, a delegated dataset) at `mountpoint`
 * to read its files: zoned off, the mountpoint set, mounted. For checks after a test only.
 */
export async function exposeDataset(host: LabHost, dataset: string, mountpoint: string): Promise<void> {
  const script = [
    `zfs set zoned=off ${dataset}`,
    `zfs set canmount=on ${dataset}`,
    `zfs set mountpoint=${mountpoint} ${dataset}`,
    `[ "$(zfs get -H -o value mounted ${dataset})" = yes ] || zfs mount ${dataset}`,
  ].join('\n');
  const result = await host.runAsRoot(['sh', '-ec', script]);
  if (result.code !== 0) throw new Error(`${host.name}: cannot mount ${dataset} for checking: ${result.stderr}`);
}
