/**
 * Workflow ids name the resource a procedure locks, so a second start on it collides
 * (`workflowIdConflictPolicy: FAIL`). Shared by the CLI and, later, parent workflows.
 */

/** Zone procedures lock the zone where it lives now, whatever the procedure. */
export function zoneWorkflowId(host: string, zone: string): string {
  return `zone/${host}/${zone}`;
}

/** A read-only plan never collides: it carries a random suffix. */
export function planWorkflowId(host: string, zone: string, suffix: string): string {
  return `plan/${host}/${zone}/${suffix}`;
}

export const WORKFLOW_ID_PREFIXES = ['zone/', 'plan/'] as const;
