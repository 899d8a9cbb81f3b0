// The layering of src/ (docs/architecture.md), enforced: a folder may not import from a layer
// above it, and the simulator shares no code with what it is checked against.
// Order, bottom up: hosts → solaris → contracts → activities → workflows → client (and worker).

/** Folders a layer must not import, matched against the import path. */
const FORBIDDEN = {
  hosts: ['solaris', 'contracts', 'activities', 'workflows', 'client', 'sim', 'temporal', 'worker'],
  solaris: ['contracts', 'activities', 'workflows', 'client', 'sim', 'temporal', 'worker'],
  contracts: ['hosts', 'activities', 'workflows', 'client', 'sim', 'temporal', 'worker'],
  activities: ['workflows', 'client', 'sim', 'temporal', 'worker'],
  workflows: ['hosts', 'client', 'sim', 'temporal', 'worker'],
  client: ['sim'],
  temporal: ['hosts', 'solaris', 'contracts', 'activities', 'workflows', 'client', 'sim', 'worker'],
  // The simulator models Solaris from its sources, never from zmig's parsers or contracts.
  sim: ['solaris', 'contracts', 'activities', 'workflows', 'client', 'temporal', 'worker'],
};

/** Layers above that may be imported for their types only (workflows call activities by type). */
const TYPES_ONLY = {
  workflows: ['activities'],
  client: ['activities', 'workflows'],
};

const folderPattern = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

export const layerRules = Object.entries(FORBIDDEN).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: folderPattern(forbidden),
            message: `src/${layer} may not import this layer (see docs/architecture.md).`,
          },
          ...(TYPES_ONLY[layer]
            ? [
                {
                  regex: folderPattern(TYPES_ONLY[layer]),
                  allowTypeImports: true,
                  message: `src/${layer} may import this layer's types only.`,
                },
              ]
            : []),
        ],
      },
    ],
  },
}));
