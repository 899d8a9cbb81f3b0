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
  // The worker is started by the CLI (`zmig worker`), never the other way round; host commands
  // are the activities' business.
  worker: ['solaris', 'client', 'sim'],
};

/** Layers below or above that may be imported for their types only. */
const TYPES_ONLY = {
  // Workflows call activities by type; the workflow bundle must not pull in SSH or host code.
  workflows: ['activities'],
  client: ['activities', 'workflows'],
  // The worker registers workflows by file path (they are bundled for the sandbox), never by import.
  worker: ['workflows'],
  // The simulator shares the `Dialect` name with the hosts it stands in for, and no code.
  sim: ['hosts'],
};

/** The files of a layer, and the prefix its imports of other layers start with. */
const LAYER_FILES = {
  worker: { files: ['src/worker.ts'], prefix: '\\./' },
};

const layerOf = (layer) => LAYER_FILES[layer] ?? { files: [`src/${layer}/**/*.ts`], prefix: '(\\.\\./)+' };

const folderPattern = (prefix, names) => `^${prefix}(${names.join('|')})(/|$)`;

export const layerRules = Object.entries(FORBIDDEN).map(([layer, forbidden]) => {
  const { files, prefix } = layerOf(layer);
  const name = files[0].replace(/\/\*\*.*$/, '');
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: folderPattern(prefix, forbidden),
              message: `${name} may not import this layer (see docs/architecture.md).`,
            },
            ...(TYPES_ONLY[layer]
              ? [
                  {
                    regex: folderPattern(prefix, TYPES_ONLY[layer]),
                    allowTypeImports: true,
                    message: `${name} may import this layer's types only.`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
});
