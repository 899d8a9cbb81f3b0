import type { FlagSpec } from './schemaFlags';

/**
 * `--from` and `--to`, the same in every procedure that moves something from one inventory host to
 * another; each procedure's input schema names the fields `source` and `target`.
 */
export const HOST_FLAGS: readonly FlagSpec[] = [
  {
    flag: '--from <host>',
    path: 'source',
    kind: 'string',
    description: 'source host (inventory name)',
    required: true,
  },
  {
    flag: '--to <host>',
    path: 'target',
    kind: 'string',
    description: 'target host (inventory name)',
    required: true,
  },
];
