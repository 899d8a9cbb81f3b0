import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PROCEDURES } from '../../src/client/procedures/registry';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface ReadmeStep {
  id: string;
  readOnly: boolean;
  undo: string;
}

/** The rows of the README's section `## <procedure>, step by step`, in table order. */
function readmeSteps(procedure: string): ReadmeStep[] {
  const start = readme.indexOf(`## ${procedure}, step by step`);
  assert.notEqual(start, -1, `the README has no section "${procedure}, step by step"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| \d+\. `([a-z-]+)`( \(read-only\))? \|.* \| ([^|]+) \|$/gm)].map((m) => ({
    id: m[1]!,
    readOnly: m[2] !== undefined,
    undo: m[3]!,
  }));
}

for (const { workflowType: procedure, steps } of PROCEDURES) {
  test(`the README's ${procedure} step table is the step table: ids in order, read-only steps, undos`, () => {
    const rows = readmeSteps(procedure);
    assert.deepEqual(
      rows.map((r) => r.id),
      steps.map((s) => s.id),
    );
    for (const [i, step] of steps.entries()) {
      const row = rows[i]!;
      assert.equal(row.readOnly, !step.mutates, `${step.id}: "(read-only)" exactly when the step changes nothing`);
      if (step.undo)
        assert.ok(row.undo.startsWith(`${step.undo}: `), `${step.id}: undo "${row.undo}" names "${step.undo}"`);
      else assert.match(row.undo, /^—/, `${step.id} has no undo`);
    }
  });
}
