import { UsageError } from './usageError';

/**
 * One migration per zone: the workflow id names the zone where it lives now, whatever the
 * procedure, so a second start for the same zone collides.
 */
export function zoneWorkflowId(host: string, zone: string): string {
  return `zone/${host}/${zone}`;
}

/** Accepts a workflow id (`zone/node1/www`) or the short form `node1/www`. */
export function resolveWorkflowId(arg: string): string {
  if (arg.startsWith('zone/') || arg.startsWith('plan/')) return arg;
  const parts = arg.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return zoneWorkflowId(parts[0], parts[1]);
  throw new UsageError(`"${arg}" is not a migration id: use zone/<host>/<zone> or <host>/<zone>`);
}
