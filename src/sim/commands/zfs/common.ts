import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';

export const ZFS_USAGE = 'usage:\n\tzfs <command> <args> ...\n';

export function zfsError(inv: Invocation, text: string): number {
  print(inv.io.stderr, text.endsWith('\n') ? text : `${text}\n`);
  return 1;
}

export function zfsUsage(inv: Invocation, text: string, usage: string): number {
  print(inv.io.stderr, `${text}\nusage:\n\t${usage}\n`);
  return 2;
}

export function badOption(inv: Invocation, letter: string, usage: string): number {
  return zfsUsage(inv, letter === '' ? 'missing argument' : `invalid option '${letter}'`, usage);
}

/** Datasets in use by a running zone (its zonepath tree and delegated datasets): destroy/rollback say busy. */
export function busyDatasets(inv: Invocation): string[] {
  const { host } = inv;
  const roots: string[] = [];
  for (const zone of host.zones.values()) {
    if (zone.state !== 'running' && zone.state !== 'ready' && zone.state !== 'shutting_down') continue;
    const zpds = host.zonepathDataset(zone.config.props.zonepath ?? '');
    if (zpds) roots.push(zpds.name);
    for (const r of zone.config.resources) if (r.type === 'dataset' && r.props.name) roots.push(r.props.name);
  }
  return roots;
}

export function isBusy(inv: Invocation, name: string): boolean {
  return busyDatasets(inv).some((root) => name === root || name.startsWith(`${root}/`));
}
