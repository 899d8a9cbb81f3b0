import { z } from 'zod';
import { datasetNameSchema, hostNameSchema, snapNameSchema, zoneNameSchema } from '../../solaris/names';
import { bounded } from '../boundedInt';
import type { ProcedureIdentity } from '../identity';

const DAY = 24 * 3600;

/** An STMF logical unit name: 32 hexadecimal digits (stmfadm(8)), upper case as stmfadm prints it. */
export const luGuidSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{32}$/, 'an LU GUID is 32 hexadecimal digits')
  .transform((g) => g.toUpperCase());

/**
 * The one input of an iSCSI LU rollback: the zvol behind a COMSTAR logical unit goes back to one of
 * its snapshots, the LU keeps its GUID and views, and the zone that boots from it comes back.
 */
export const iscsiLuRollbackInputSchema = z
  .object({
    /** The host that exports the LU (its STMF and the zvol behind it). */
    storageHost: hostNameSchema,
    /** The LU by GUID, or by the zvol behind it: exactly one. */
    lu: luGuidSchema.optional(),
    zvol: datasetNameSchema.optional(),
    /** The snapshot to go back to: its name after `@`. */
    snapshot: snapNameSchema,
    /**
     * Consent to destroy the snapshots newer than `snapshot` (`zfs rollback -r`): the one exception
     * to "zmig destroys only what it created". Preflight lists them; without consent it refuses.
     */
    destroyNewer: z.boolean().default(false),
    /** The Kernel Zone that boots from the LU, and the host it is configured on. */
    consumer: z.object({ zone: zoneNameSchema, host: hostNameSchema }).optional(),
    /** May a running consumer be halted? Without it, a running consumer is refused. */
    haltConsumer: z.boolean().default(false),
    /** Longest wait for the consumer to run again after its boot (the last step, or the undo of its halt). */
    zoneTimeoutSeconds: bounded(1, DAY, 'seconds (24 h)').default(600),
  })
  .refine((i) => (i.lu === undefined) !== (i.zvol === undefined), {
    message: 'name the LU by exactly one of its GUID (--lu) and its zvol (--zvol)',
    path: ['lu'],
  });

export type IscsiLuRollbackInput = z.output<typeof iscsiLuRollbackInputSchema>;
export type IscsiLuRollbackRequest = z.input<typeof iscsiLuRollbackInputSchema>;

/** The LU as the operator named it: its GUID, or its zvol. */
export function luName(input: { lu?: string; zvol?: string }): string {
  return input.lu ?? input.zvol ?? '';
}

/** The storage host and the consumer's host; the consumer's zone. */
export function iscsiLuRollbackIdentity(input: IscsiLuRollbackInput): ProcedureIdentity {
  return {
    procedure: 'iscsiLuRollback',
    zone: input.consumer?.zone ?? '',
    hosts: { storage: input.storageHost, ...(input.consumer && { consumer: input.consumer.host }) },
  };
}
