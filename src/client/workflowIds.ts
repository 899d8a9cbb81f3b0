import { WORKFLOW_ID_PREFIXES, zoneWorkflowId } from '../contracts/workflowIds';
import { UsageError } from './usageError';

/** Accepts a workflow id (`zone/node1/www`) or the short form `node1/www`. */
export function resolveWorkflowId(arg: string): string {
  if (WORKFLOW_ID_PREFIXES.some((prefix) => arg.startsWith(prefix))) return arg;
  const parts = arg.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return zoneWorkflowId(parts[0], parts[1]);
  throw new UsageError(`"${arg}" is not a migration id: use zone/<host>/<zone> or <host>/<zone>`);
}
