import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layering rule's messages for a line of code placed in a file of src/. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [];\n`, { filePath: `${root}/${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

test('an upward import fails lint: contracts may not import workflows, activities may not import client', async () => {
  assert.match(
    (await layerErrors('src/contracts/x.ts', "import { coldMove } from '../workflows/coldMove';"))[0] ?? '',
    /src\/contracts may not import this layer/,
  );
  assert.match(
    (await layerErrors('src/activities/coldMove/x.ts', "import { main } from '../../client/main';"))[0] ?? '',
    /src\/activities may not import/,
  );
  assert.match(
    (await layerErrors('src/hosts/x.ts', "import { parseSize } from '../solaris';"))[0] ?? '',
    /src\/hosts may not import/,
  );
});

test('the simulator shares no code with what it checks: src/sim may not import zmig parsers', async () => {
  assert.match(
    (await layerErrors('src/sim/commands/x.ts', "import { parseZoneadmList } from '../../solaris/zoneadm';"))[0] ?? '',
    /src\/sim may not import/,
  );
});

test('workflows may import activity types, never activity code', async () => {
  assert.deepEqual(await layerErrors('src/workflows/x.ts', "import type { Activities } from '../activities';"), []);
  assert.match(
    (await layerErrors('src/workflows/x.ts', "import { createActivities } from '../activities';"))[0] ?? '',
    /types only/,
  );
  assert.match(
    (await layerErrors('src/workflows/x.ts', "import { SshHost } from '../hosts/sshHost';"))[0] ?? '',
    /src\/workflows may not import/,
  );
});

test('downward imports pass', async () => {
  assert.deepEqual(
    await layerErrors('src/client/x.ts', "import { COLD_MOVE_STEPS } from '../contracts/coldMove/steps';"),
    [],
  );
  assert.deepEqual(await layerErrors('src/activities/x.ts', "import { zfsSnapshot } from '../solaris';"), []);
});

test('the simulator may name the hosts layer types (Dialect), never run its code', async () => {
  assert.deepEqual(await layerErrors('src/sim/model/x.ts', "import type { Dialect } from '../../hosts/host';"), []);
  assert.match(
    (await layerErrors('src/sim/x.ts', "import { loadInventory } from '../hosts/inventory';"))[0] ?? '',
    /src\/sim may import this layer's types only/,
  );
});

test('src/worker.ts: activities, hosts, temporal and contracts; workflows by path (types only); never solaris, the CLI or the simulator', async () => {
  assert.deepEqual(
    await layerErrors(
      'src/worker.ts',
      [
        "import { createActivities } from './activities';",
        "import { loadInventory } from './hosts/inventory';",
        "import { workerConnectOptions } from './temporal/connection';",
        "import { TASK_QUEUE } from './contracts/taskQueue';",
        "import type { coldMove } from './workflows/coldMove';",
      ].join('\n'),
    ),
    [],
  );
  assert.match(
    (await layerErrors('src/worker.ts', "import { coldMove } from './workflows/coldMove';"))[0] ?? '',
    /src\/worker\.ts may import this layer's types only/,
  );
  assert.match(
    (await layerErrors('src/worker.ts', "import { main } from './client/main';"))[0] ?? '',
    /src\/worker\.ts may not import/,
  );
  assert.match(
    (await layerErrors('src/worker.ts', "import { zfsSnapshot } from './solaris';"))[0] ?? '',
    /src\/worker\.ts may not import/,
  );
  assert.match(
    (await layerErrors('src/worker.ts', "import { startLab } from './sim/lab';"))[0] ?? '',
    /src\/worker\.ts may not import/,
  );
});
