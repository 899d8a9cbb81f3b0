import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { feed, hostileText, PARSERS } from '../fuzz/solarisParsers';

// A fixed seed: the same inputs on every run; `npm run bench -- parsers` runs many more and times them.
const SEED = 20261122;

for (const [name, parse] of Object.entries(PARSERS)) {
  test(`${name}: hostile host output gives a result or a ParseError, nothing else`, () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(hostileText, (text) => {
        outcomes.add(feed(parse, text));
      }),
      { seed: SEED, numRuns: 300 },
    );
    assert.ok(outcomes.size > 0);
  });
}
