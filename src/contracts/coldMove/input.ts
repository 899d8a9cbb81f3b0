import { z } from 'zod';
import { hostNameSchema, zoneNameSchema } from '../../solaris/names';
import { bounded } from '../boundedInt';

const DAY = 24 * 3600;
const PiB = 1024 ** 5;

/**
 * The one input of a coldMove. The CLI validates its flags with this same schema before anything
 * starts, and the workflow validates it again on entry (a client may not be ours).
 */
export const coldMoveInputSchema = z
  .object({
    zone: zoneNameSchema,
    source: hostNameSchema,
    target: hostNameSchema,
    /** relay: the worker pipes send → receive over two SSH channels; direct: source runs `zfs send | ssh target zfs receive`. */
    transport: z.enum(['relay', 'direct']).default('relay'),
    converge: z
      .object({
        /** Stop pre-seeding when an incremental round moved fewer bytes than this. */
        thresholdBytes: bounded(0, PiB, 'bytes (1 PiB)').default(64 * 1024 * 1024),
        maxRounds: bounded(0, 50, 'rounds').default(5),
      })
      .prefault({}),
    cutover: z
      .object({
        /** Wait for `zmig approve` before shutting the source zone down. */
        requireApproval: z.boolean().default(false),
        deadlineSeconds: bounded(1, 7 * DAY, 'seconds (7 days)').default(3600),
        /** What happens when nobody approves before the deadline. */
        onDeadline: z.enum(['proceed', 'abort']).default('abort'),
        /** While waiting, re-sync this often so the final delta stays small. */
        resyncSeconds: bounded(1, DAY, 'seconds (24 h)').default(60),
      })
      .prefault({}),
    shutdown: z
      .object({
        timeoutSeconds: bounded(1, DAY, 'seconds (24 h)').default(300),
        /** `zoneadm halt` when the graceful shutdown times out (like pulling the plug: off by default). */
        haltFallback: z.boolean().default(false),
      })
      .prefault({}),
    /** `zoneadm attach -u`: update the zone's packages to the target's. */
    attachUpdate: z.boolean().default(false),
    /** SMF milestone that must be online in the booted target zone; empty to only wait for `running`. */
    milestone: z
      .string()
      .regex(/^(svc:\/[A-Za-z0-9_/:.-]+)?$/)
      .default('svc:/milestone/multi-user:default'),
    bootTimeoutSeconds: bounded(1, DAY, 'seconds (24 h)').default(600),
    sourcePolicy: z.enum(['keep-detached', 'autoboot-off', 'uninstall']).default('autoboot-off'),
  })
  .refine((i) => i.source !== i.target, { message: 'source and target must be different hosts', path: ['target'] });

export type ColdMoveInput = z.output<typeof coldMoveInputSchema>;
export type ColdMoveRequest = z.input<typeof coldMoveInputSchema>;
