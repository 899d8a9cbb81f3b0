import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColdMoveRequest } from '../../src/contracts/coldMove/input';
import type { ColdMovePlanResult } from '../../src/contracts/coldMove/plan';
import { COLD_MOVE_STEPS } from '../../src/contracts/coldMove/steps';
import type { PlannedCommand } from '../../src/contracts/plannedCommand';
import type { SimRelease } from '../../src/sim/model/release';
import { coldMoveRig, type ColdMoveRig } from './coldMoveHarness';
import { collapseRepeats, mutatingLinesSince, plannedLines } from './planComparison';

let rig: ColdMoveRig;
before(async () => {
  rig = await coldMoveRig({ sizeBytes: 16 * 1024 * 1024 });
});
after(async () => rig.close());

interface PlanCase {
  what: string;
  request: ColdMoveRequest;
  /** Sets the hosts up for this case; returns what puts them back. */
  prepare?: () => Promise<() => Promise<void> | void>;
  /** What this case shows beyond plan = run, given the planned and the issued lines. */
  check?: (planned: PlannedCommand[], ran: string[]) => void;
}

const receives = (ran: string[]) => ran.filter((l) => l.includes('zfs receive')).length;

// Each case moves the zone back where the next one starts from: node1 → node2 → node1 → …
const cases: PlanCase[] = [
  {
    what: 'uninstall',
    request: { zone: 'www', source: 'node1', target: 'node2', sourcePolicy: 'uninstall' },
    check: (_, ran) => assert.ok(receives(ran) >= 3 * 2, 'several rounds of two datasets ran'),
  },
  {
    what: 'no converge round with maxRounds 0; a zone ignoring init 5 is halted',
    request: {
      zone: 'www',
      source: 'node2',
      target: 'node1',
      sourcePolicy: 'uninstall',
      converge: { maxRounds: 0 },
      shutdown: { timeoutSeconds: 1, haltFallback: true },
    },
    prepare: async () => {
      const stuck = rig.lab.faults.add({
        host: 'node2',
        match: /zlogin www 'init 5'/,
        action: 'fail',
        exitCode: 1,
        stderr: 'init: cannot reach run level 5',
      });
      return () => stuck.remove();
    },
    check: (planned, ran) => {
      assert.deepEqual(
        planned.filter((c) => c.step === 'converge'),
        [],
        'the plan lists no converge round',
      );
      assert.equal(receives(ran), 2 * 2, 'the run took the pre-seed and the final sync only');
      const halt = planned.find((c) => c.step === 'shutdown' && /zoneadm -z www halt$/.test(c.command));
      assert.match(halt?.when ?? '', /not installed after 1 s/, 'the plan shows the halt fallback as conditional');
      assert.ok(
        ran.some((l) => /^\[node2\] zoneadm -z www halt$/.test(l)),
        'the run halted the zone',
      );
    },
  },
  {
    what: "a target whose zfs receive has no -o (zfs-fuse's, older illumos)",
    request: { zone: 'www', source: 'node1', target: 'node2', sourcePolicy: 'uninstall' },
    prepare: async () => {
      const node2 = rig.lab.hosts['node2']! as { release: SimRelease };
      const release = node2.release;
      node2.release = { ...release, zfs: { ...release.zfs, receiveSetProps: false } };
      // A fresh worker: the one running has already learnt that node2 takes `receive -o`.
      await rig.stopWorker();
      await rig.startWorker();
      return () => {
        node2.release = release;
      };
    },
    check: (planned, ran) => {
      const planReceives = planned.filter((c) => c.command.includes('zfs receive'));
      assert.ok(planReceives.length > 0);
      for (const c of planReceives) assert.doesNotMatch(c.command, / -o /, 'no receive -o planned');
      const marks = planned.filter((c) => c.command.includes('zfs set zmig:migration='));
      assert.equal(marks.length, 2, 'each dataset marked right after its first receive');
      assert.ok(marks.every((c) => c.when === undefined && c.step === 'pre-seed'));
      assert.ok(receives(ran) >= 3 * 2, 'several rounds of two datasets ran');
    },
  },
  {
    what: 'a cutover gate that re-syncs until its deadline, then proceeds',
    request: {
      zone: 'www',
      source: 'node2',
      target: 'node1',
      sourcePolicy: 'uninstall',
      cutover: { requireApproval: true, deadlineSeconds: 4, onDeadline: 'proceed', resyncSeconds: 1 },
    },
    check: (planned, ran) => {
      const gate = planned.filter((c) => c.step === 'cutover-gate');
      assert.ok(gate.length > 0, 'the plan lists the re-sync round the gate repeats');
      assert.ok(
        gate.every((c) => /every 1 s until `zmig approve` \(proceed after 4 s\)/.test(c.when ?? '')),
        'each of its commands says when it runs',
      );
      assert.ok(receives(ran) >= 4 * 2, 'the gate re-synced at least once');
    },
  },
  {
    what: 'autoboot-off',
    request: {
      zone: 'www',
      source: 'node1',
      target: 'node2',
      sourcePolicy: 'autoboot-off',
      converge: { maxRounds: 3, thresholdBytes: 0 },
    },
    check: (_, ran) => assert.ok(receives(ran) >= 3 * 2, 'several rounds of two datasets ran'),
  },
];

for (const [i, { what, request, prepare, check }] of cases.entries()) {
  test(`zmig plan lists the mutating commands the run issues, in order (${request.source} → ${request.target}, ${what})`, async () => {
    const restore = await prepare?.();
    try {
      const { commands } = (await rig.client.workflow.execute('planColdMove', {
        taskQueue: rig.taskQueue,
        workflowId: `plan/${request.source}/www/equals-run-${i}`,
        args: [request],
      })) as ColdMovePlanResult;
      const mark = rig.lab.commandLog.length;
      await (await rig.start(request, `zone/${request.source}/www`)).result();
      const ran = mutatingLinesSince(rig.lab, mark);
      assert.deepEqual(collapseRepeats(ran), collapseRepeats(plannedLines(commands, ran)));
      for (const c of commands)
        assert.ok(
          COLD_MOVE_STEPS.find((s) => s.id === c.step)?.mutates,
          `${c.step} is a mutating step of the table (${c.command})`,
        );
      check?.(commands, ran);
    } finally {
      await restore?.();
    }
  });
}
