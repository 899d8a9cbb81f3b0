import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COLD_MOVE_STEPS } from '../../src/contracts/coldMove/steps';
import { KZ_WARM_MIGRATE_STEPS } from '../../src/contracts/kzWarmMigrate/steps';
import type { StepDefinition } from '../../src/contracts/steps';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The step ids of the README's section `## <procedure>, step by step`, in table order. */
function readmeStepIds(procedure: string): string[] {
  const start = readme.indexOf(`## ${procedure}, step by step`);
  assert.notEqual(start, -1, `the README has no section "${procedure}, step by step"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| \d+\. `([a-z-]+)`/gm)].map((m) => m[1]!);
}

const procedures: [string, readonly StepDefinition[]][] = [
  ['coldMove', COLD_MOVE_STEPS],
  ['kzWarmMigrate', KZ_WARM_MIGRATE_STEPS],
];

for (const [procedure, steps] of procedures) {
  test(`the README's ${procedure} step table lists the step table's steps, in order`, () => {
    assert.deepEqual(
      readmeStepIds(procedure),
      steps.map((s) => s.id),
    );
  });
}
