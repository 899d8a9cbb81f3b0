import type { HostPool } from '../../hosts/host';
import { zonecfgDelete } from '../../solaris';
import { runChecked } from '../commandRunner';
import { preconditionFailed } from '../failures';
import { readZone } from '../zones/zoneFacts';

/**
 * After the zone runs on the target, the source keeps its detached configuration (a way back:
 * attach and boot there after moving it back) or deletes it, and the key with it.
 */
export async function finalizeKzSource(
  pool: HostPool,
  a: { source: string; zone: string; policy: 'keep-detached' | 'delete-config' },
): Promise<string> {
  if (a.policy === 'keep-detached') return `source configuration of ${a.zone} kept detached on ${a.source}`;
  const host = pool.get(a.source);
  const zone = await readZone(host, a.zone);
  const deleted = `source configuration of ${a.zone} deleted from ${a.source}`;
  // A retry after a delete whose result was lost reports the same outcome.
  if (!zone) return deleted;
  // Only a detached config: an attached one still claims the storage the target now runs on.
  if (zone.state !== 'configured')
    throw preconditionFailed(
      `zone ${a.zone} on ${a.source} is ${zone.state}, not detached: not deleting its configuration`,
    );
  await runChecked(host, zonecfgDelete(a.zone));
  return deleted;
}
