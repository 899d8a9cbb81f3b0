import { z } from 'zod';

// Every schema here is an allow-list of characters, so shell metacharacters, quotes,
// whitespace and newlines are rejected by construction. None of them allows a leading `-`,
// so a validated name can never be taken for an option by the command it is passed to.

/** zonecfg(8): up to 63 chars, alphanumeric first, `global` and the `SUNW` prefix reserved. */
export const zoneNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'zone names use letters, digits, _ . - and start alphanumeric')
  .refine((name) => name !== 'global', 'the global zone cannot be named')
  .refine((name) => !name.startsWith('SUNW'), 'zone names starting with SUNW are reserved');

const componentPattern = /^[A-Za-z0-9_.:-]+$/;
const poolPattern = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const maxDatasetNameLength = 255;

function datasetProblem(name: string): string | undefined {
  if (name.length > maxDatasetNameLength) return `longer than ${maxDatasetNameLength} characters`;
  const components = name.split('/');
  const [pool] = components;
  if (pool === undefined || !poolPattern.test(pool)) return 'the pool name must start with a letter';
  for (const component of components) {
    if (component === '') return 'empty component';
    if (component === '.' || component === '..') return `component "${component}" is not allowed`;
    if (!componentPattern.test(component)) return `component "${component}" has characters ZFS rejects`;
  }
  return undefined;
}

/** A ZFS filesystem or volume name (`pool/a/b`); no snapshot part. */
export const datasetNameSchema = z.string().superRefine((name, ctx) => {
  const problem = datasetProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid dataset name: ${problem}` });
});

/** The part of a snapshot name after `@`. */
export const snapNameSchema = z
  .string()
  .min(1)
  .max(maxDatasetNameLength)
  .regex(componentPattern, 'snapshot names use letters, digits, _ . : -');

/** A full snapshot name `pool/ds@snap`. */
export const snapshotNameSchema = z.string().superRefine((name, ctx) => {
  const at = name.indexOf('@');
  if (at < 0) {
    ctx.addIssue({ code: 'custom', message: 'invalid snapshot name: missing "@"' });
    return;
  }
  const problem =
    name.length > maxDatasetNameLength
      ? `longer than ${maxDatasetNameLength} characters`
      : (datasetProblem(name.slice(0, at)) ??
        (snapNameSchema.safeParse(name.slice(at + 1)).success ? undefined : 'bad part after "@"'));
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid snapshot name: ${problem}` });
});

/**
 * dladm link names: letters, digits and `_`, not starting with a digit, ending in a number
 * without leading zeros (dladm_valid_linkname), at most 31 characters.
 */
export const vnicNameSchema = z
  .string()
  .max(31)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*[0-9]$/, 'link names use letters, digits, _ and end in a number')
  .refine((name) => !/[A-Za-z_]0[0-9]+$/.test(name), 'the number ending a link name has no leading zeros');

/** Host names as written in the inventory. */
export const hostNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'invalid host name');
