import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sudoersFor } from '../realLab/privilegedCommands';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test("the README's sudoers lines are the lab's sudoers for the user zmig, line for line", () => {
  const start = readme.indexOf('- **sudo.**');
  assert.notEqual(start, -1, 'the README has a sudo paragraph');
  const block = /```\n([\s\S]*?)\n\s*```/.exec(readme.slice(start))?.[1];
  assert.ok(block, 'with a code block');
  assert.deepEqual(
    block.split('\n').map((l) => l.trim()),
    sudoersFor('zmig').trimEnd().split('\n'),
  );
});
