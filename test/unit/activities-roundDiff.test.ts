import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffRounds, roundOf } from '../../src/activities/zfs/roundDiff';

const P = 'zmig-0123456789ab-';
const r = (...ns: number[]) => ns.map((n) => `${P}${n}`);

test('only canonical <prefix><n> names are ours', () => {
  assert.equal(roundOf(P, `${P}7`), 7);
  assert.equal(roundOf(P, `${P}0`), 0);
  for (const name of [
    `${P}07`,
    `${P}7-manual`,
    `${P}`,
    `${P}-1`,
    'zmig-ba9876543210-7',
    'daily-2024-01-01',
    `x${P}7`,
  ]) {
    assert.equal(roundOf(P, name), undefined, name);
  }
});

test('steady state between rounds: one common round, nothing to prune, the next one above it', () => {
  assert.deepEqual(diffRounds({ prefix: P, source: r(4), target: r(4) }), {
    latestCommon: 4,
    nextRound: 5,
    prunable: { source: [], target: [] },
    unfinished: { source: [], target: [] },
  });
});

test('after a round landed, the predecessor is prunable on both sides and the latest common is kept', () => {
  const d = diffRounds({ prefix: P, source: ['daily-1', ...r(3, 4), 'zmig-ba9876543210-9'], target: r(3, 4) });
  assert.equal(d.latestCommon, 4);
  assert.equal(d.nextRound, 5);
  assert.deepEqual(d.prunable, { source: r(3), target: r(3) });
  assert.deepEqual(d.unfinished, { source: [], target: [] });
});

test('a round snapshotted on the source but not (or only partly) received is unfinished, and the next round goes above it', () => {
  const notSent = diffRounds({ prefix: P, source: r(3, 4), target: r(3) });
  assert.equal(notSent.latestCommon, 3);
  assert.deepEqual(notSent.unfinished, { source: r(4), target: [] });
  assert.equal(notSent.nextRound, 5);

  const cut = diffRounds({ prefix: P, source: r(3, 4), target: r(3, 4), partialOnTarget: r(4) });
  assert.equal(cut.latestCommon, 3);
  assert.deepEqual(cut.unfinished, { source: r(4), target: r(4) });
  assert.deepEqual(cut.prunable, { source: [], target: [] });
});

test('before any round is common (the pre-seed in flight) nothing is prunable or unfinished', () => {
  const d = diffRounds({ prefix: P, source: r(1), target: [] });
  assert.equal(d.latestCommon, undefined);
  assert.equal(d.nextRound, 2);
  assert.deepEqual(d.prunable, { source: [], target: [] });
  assert.deepEqual(d.unfinished, { source: [], target: [] });
  assert.equal(diffRounds({ prefix: P, source: [], target: [] }).nextRound, 1);
});

test('rounds are compared as numbers, not names (10 is newer than 9)', () => {
  const d = diffRounds({ prefix: P, source: r(9, 10), target: r(9, 10) });
  assert.equal(d.latestCommon, 10);
  assert.deepEqual(d.prunable.source, r(9));
});

test('property: never a name not ours, never the latest common, every older round of ours, next above all', () => {
  const name = fc.oneof(
    fc.nat(30).map((n) => `${P}${n}`),
    fc.constantFrom('daily-1', `${P}01`, `${P}3-manual`, 'zmig-ba9876543210-2', '@weird'),
  );
  fc.assert(
    fc.property(fc.uniqueArray(name), fc.uniqueArray(name), fc.uniqueArray(name), (source, target, partial) => {
      const d = diffRounds({ prefix: P, source, target, partialOnTarget: partial });
      const ours = (names: string[]) => names.filter((n) => roundOf(P, n) !== undefined);
      for (const [side, names] of [
        ['source', source],
        ['target', target],
      ] as const) {
        const destroyed = [...d.prunable[side], ...d.unfinished[side]];
        assert.ok(
          destroyed.every((n) => names.includes(n) && roundOf(P, n) !== undefined),
          'only our names on that side',
        );
        if (d.latestCommon === undefined) assert.deepEqual(destroyed, []);
        else {
          assert.ok(!destroyed.includes(`${P}${d.latestCommon}`), 'the latest common is kept');
          assert.deepEqual(
            d.prunable[side],
            ours(names).filter((n) => roundOf(P, n)! < d.latestCommon!),
          );
        }
        assert.ok(ours(names).every((n) => roundOf(P, n)! < d.nextRound));
      }
      if (d.latestCommon !== undefined) {
        const latest = `${P}${d.latestCommon}`;
        assert.ok(source.includes(latest) && target.includes(latest) && !partial.includes(latest));
      }
    }),
  );
});
