import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColdMoveRequest } from '../../src/contracts/coldMove/input';
import type { ColdMovePlanResult } from '../../src/contracts/coldMove/plan';
import type { PlannedCommand } from '../../src/contracts/plannedCommand';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { MUTATING } from './hostState';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig({ sizeBytes: 16 * 1024 * 1024 });
});
after(async () => rig.close());

/** One comparable line: privilege prefix dropped, run-specific names and numbers normalised. */
function normalise(host: string, command: string): string {
  const line = command
    .replace(/^(pfexec|sudo -n) /, '')
    .replace(/zmig-[0-9a-f]{12}-\d+/g, 'zmig-<run>-<n>')
    .replace(/zmig:migration=\S+/g, 'zmig:migration=<id>')
    .replace(/zmig:streamed=\S+/g, 'zmig:streamed=<bytes>');
  return `[${host}] ${line}`;
}

/**
 * The mutating command a planned line stands for: a relayed `send | receive` pipeline changes the
 * target only, with its receive.
 */
function mutatingPart(c: PlannedCommand): { host: string; command: string } {
  const to = c.host.split(' → ')[1];
  if (!to) return { host: c.host, command: c.command.replace(/ < .*$/, '') };
  return { host: to, command: c.command.slice(c.command.indexOf(' | ') + 3) };
}

/** Consecutive repeats of any block collapse to one: the rounds a run takes are data-dependent. */
function collapseRepeats(lines: string[]): string[] {
  const out = [...lines];
  for (let changed = true; changed; ) {
    changed = false;
    for (let size = 1; size <= out.length / 2 && !changed; size++) {
      for (let i = 0; i + 2 * size <= out.length; i++) {
        if (out.slice(i, i + size).join('\n') === out.slice(i + size, i + 2 * size).join('\n')) {
          out.splice(i + size, size);
          changed = true;
          break;
        }
      }
    }
  }
  return out;
}

for (const request of [
  // The first leaves node1 without the zone, so the second can move it back.
  { zone: 'www', source: 'node1', target: 'node2', sourcePolicy: 'uninstall' },
  {
    zone: 'www',
    source: 'node2',
    target: 'node1',
    sourcePolicy: 'autoboot-off',
    converge: { maxRounds: 3, thresholdBytes: 0 },
  },
] satisfies ColdMoveRequest[]) {
  test(`zmig plan lists the mutating commands the run issues, in order (${request.source} → ${request.target}, ${request.sourcePolicy})`, async () => {
    const { commands } = (await rig.client.workflow.execute('planColdMove', {
      taskQueue: rig.taskQueue,
      workflowId: `plan/${request.source}/www/equals-run`,
      args: [request],
    })) as ColdMovePlanResult;
    const mark = rig.lab.commandLog.length;
    await (await rig.start(request, `zone/${request.source}/www`)).result();
    const ran = rig.lab.commandLog
      .slice(mark)
      .filter((c) => MUTATING.test(c.line))
      .map((c) => normalise(c.host, c.line));
    // A conditional command (`when`) counts where the run found its condition, and only there.
    const planned = commands
      .map((c) => ({ ...mutatingPart(c), when: c.when }))
      .map((c) => ({ line: normalise(c.host, c.command), when: c.when }))
      .filter((c) => !c.when || ran.includes(c.line))
      .map((c) => c.line);
    assert.deepEqual(collapseRepeats(ran), collapseRepeats(planned));
    assert.ok(ran.filter((l) => l.includes('zfs receive')).length >= 3 * 2, 'several rounds of two datasets ran');
  });
}
