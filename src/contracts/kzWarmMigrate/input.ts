import { z } from 'zod';
import { hostNameSchema, zoneNameSchema } from '../../solaris/names';
import { bounded } from '../boundedInt';

const DAY = 24 * 3600;

/**
 * The one input of a Kernel Zone warm migration. The CLI validates its flags with this same schema
 * before anything starts, and the workflow validates it again on entry. It names hosts, never keys:
 * the zone's key travels from source to target inside one activity.
 */
export const kzWarmMigrateInputSchema = z
  .object({
    zone: zoneNameSchema,
    source: hostNameSchema,
    target: hostNameSchema,
    /** Longest wait for `zoneadm suspend` to leave the zone installed and suspended (its memory is written out). */
    suspendTimeoutSeconds: bounded(1, DAY, 'seconds (24 h)').default(1800),
    /** Longest wait for the resumed zone to be running, and again for the milestone. */
    bootTimeoutSeconds: bounded(1, DAY, 'seconds (24 h)').default(600),
    /** SMF milestone that must be online in the resumed zone; empty to only wait for `running`. */
    milestone: z
      .string()
      .regex(/^(svc:\/[A-Za-z0-9_/:.-]+)?$/)
      .default('svc:/milestone/multi-user:default'),
    /** The source's configuration afterwards: kept detached (a way back), or deleted with its key. */
    sourcePolicy: z.enum(['keep-detached', 'delete-config']).default('keep-detached'),
  })
  .refine((i) => i.source !== i.target, { message: 'source and target must be different hosts', path: ['target'] });

export type KzWarmMigrateInput = z.output<typeof kzWarmMigrateInputSchema>;
export type KzWarmMigrateRequest = z.input<typeof kzWarmMigrateInputSchema>;
