import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COLD_MOVE_STEPS } from '../../src/contracts/coldMove/steps';

test("the README's coldMove step table lists the step table's steps, in order", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('## coldMove, step by step'),
    readme.indexOf('## What happens on failure'),
  );
  const ids = [...section.matchAll(/^\| \d+\. `([a-z-]+)`/gm)].map((m) => m[1]);
  assert.deepEqual(
    ids,
    COLD_MOVE_STEPS.map((s) => s.id),
  );
});
