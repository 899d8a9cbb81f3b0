// A procedure made of stub steps, to test the runner and the saga on their own (test/e2e/workflows-runner.test.ts).
import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { StepDefinition } from '../../src/contracts/steps';
import { ProcedureRun } from '../../src/workflows/runner/procedureRun';

export const PROBE_STEPS = [
  { id: 'a', title: 'Step A', phase: 'first', mutates: true, undo: 'undo a' },
  { id: 'b', title: 'Step B', phase: 'second', mutates: true, undo: 'undo b' },
  { id: 'c', title: 'Step C', phase: 'second', mutates: true, undo: 'undo c' },
  { id: 'd', title: 'Step D', phase: 'after', mutates: true },
] as const satisfies readonly StepDefinition[];

export interface ProbeActivities {
  forward(id: string): Promise<string>;
  undo(id: string): Promise<void>;
}

const act = proxyActivities<ProbeActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '5 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 1 },
});

/** Steps a, b, c (each with its undo), the point of no return, then d with two best-effort parts. */
export async function runnerProbe(): Promise<{ finalized: string[]; warnings: string[] }> {
  const run = new ProcedureRun(
    { procedure: 'probe', zone: 'z1', hosts: { source: 'h1', target: 'h2' } },
    PROBE_STEPS,
    { done: 0 },
    (d) => [`${d.done} step(s) done`],
  );
  try {
    for (const id of ['a', 'b', 'c'] as const) {
      run.undo(`undo ${id}`, () => act.undo(id));
      await run.step(id, () => act.forward(id));
      run.progress.detail.done++;
    }
    run.pointOfNoReturn();
  } catch (err) {
    throw await run.rollBack(err);
  }
  await run.step('d', async () => {
    await run.bestEffort('d1', () => act.forward('d1'));
    await run.bestEffort('d2', () => act.forward('d2'));
  });
  await run.finish();
  return run.bestEffortOutcome;
}

export const ESSENTIAL_STEPS = [
  { id: 'a', title: 'Step A', phase: 'first', mutates: true, undo: 'undo a' },
  { id: 'p', title: 'Step P (point of no return)', phase: 'first', mutates: true },
  { id: 'b', title: 'Step B', phase: 'after', mutates: true },
  { id: 'c', title: 'Step C', phase: 'after', mutates: true },
] as const satisfies readonly StepDefinition[];

/** Step a with its undo, p (the point of no return), then b and c, which the procedure cannot do without. */
export async function essentialProbe(): Promise<string> {
  const run = new ProcedureRun(
    { procedure: 'probe', zone: 'z2', hosts: { host: 'h1' } },
    ESSENTIAL_STEPS,
    {},
    () => [],
  );
  try {
    run.undo('undo a', () => act.undo('a'));
    await run.step('a', () => act.forward('a'));
    await run.step('p', () => act.forward('p'));
    run.pointOfNoReturn();
  } catch (err) {
    throw await run.rollBack(err);
  }
  await run.pastPointOfNoReturn(async () => {
    await run.step('b', () => act.forward('b'));
    await run.step('c', () => act.forward('c'));
  });
  await run.finish();
  return 'done';
}
