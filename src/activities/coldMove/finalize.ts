import type { HostPool } from '../../hosts/host';
import { parseZonecfgExport, zfsDestroy, zonecfgDelete, zonecfgExport, zonecfgSet } from '../../solaris';
import { requireDatasetNames } from '../activityInput';
import { runChecked } from '../commandRunner';
import { datasetExists } from '../zfs/datasetFacts';
import type { ColdMoveInput } from '../../contracts/coldMove/input';
import { readZoneState } from '../zones/zoneFacts';

/**
 * What happens to the detached source zone after a successful move (the last phase in docs/procedures.md#coldmove):
 * keep it detached, also switch autoboot off so a re-attach cannot start a twin, or remove its
 * configuration and datasets.
 */
export async function finalizeSource(
  pool: HostPool,
  a: { source: string; zone: string; policy: ColdMoveInput['sourcePolicy']; datasets: string[] },
): Promise<string> {
  requireDatasetNames(a.datasets);
  if (a.policy === 'keep-detached') return 'source zone left detached';
  const host = pool.get(a.source);
  const state = await readZoneState(host, a.zone);
  if (a.policy === 'autoboot-off') {
    if (state === undefined) return 'source zone no longer configured';
    const cfg = parseZonecfgExport((await runChecked(host, zonecfgExport(a.zone))).stdout);
    if (cfg.globals['autoboot'] !== 'false') await runChecked(host, zonecfgSet(a.zone, 'autoboot', 'false'));
    return 'source zone detached, autoboot=false';
  }
  if (state !== undefined) await runChecked(host, zonecfgDelete(a.zone));
  for (const ds of a.datasets) {
    if (await datasetExists(host, ds)) await runChecked(host, zfsDestroy(ds, { recursive: true }));
  }
  return `source zone configuration deleted, datasets destroyed: ${a.datasets.join(', ')}`;
}
