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

/**
 * An LU rollback locks the LU on its storage host, by the name the operator gave (its GUID or its
 * zvol: two runs naming the same LU both ways are not caught here, but the second finds the LU
 * gone or busy and stops before changing anything).
 */
export function luWorkflowId(storageHost: string, lu: string): string {
  return `lu/${storageHost}/${lu}`;
}

export const WORKFLOW_ID_PREFIXES = ['zone/', 'plan/', 'lu/'] as const;
