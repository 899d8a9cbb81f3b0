import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { WatchView } from '../../src/client/render/watchView';
import type { ProcedureProgress, StepProgress } from '../../src/contracts/progress';

const progress = (steps: [string, StepProgress['status']][], detail: string[]): ProcedureProgress<string[]> => ({
  procedure: 'kzWarmMigrate',
  zone: 'kz1',
  hosts: { source: 'node1', target: 'node2' },
  phase: 'migrate',
  steps: steps.map(([id, status]) => ({ id, title: id, status })),
  pointOfNoReturn: false,
  undo: [],
  detail,
});

test('a poll that skipped steps prints them before the new detail, and the running step after it', async () => {
  const out = new PassThrough();
  const view = new WatchView((d) => d as string[], out as never);
  view.update(
    progress(
      [
        ['preflight', 'running'],
        ['configure', 'pending'],
        ['suspend', 'pending'],
      ],
      [],
    ),
  );
  view.update(
    progress(
      [
        ['preflight', 'done'],
        ['configure', 'done'],
        ['suspend', 'running'],
      ],
      ['zone suspended since 12:00'],
    ),
  );
  view.update(
    progress(
      [
        ['preflight', 'done'],
        ['configure', 'done'],
        ['suspend', 'done'],
      ],
      ['downtime: 1.0 s'],
    ),
  );
  view.close();
  out.end();
  assert.equal(
    await text(out),
    [
      '▶ preflight',
      '✔ preflight',
      '✔ configure',
      '    zone suspended since 12:00',
      '▶ suspend',
      '✔ suspend',
      '    downtime: 1.0 s',
      '',
    ].join('\n'),
  );
});
