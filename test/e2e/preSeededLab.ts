// A lab where zone www is pre-seeded (round 1 on both hosts), as the cutover gate finds it:
// shared by the re-sync activity tests and the gate's long-wait benchmark.
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Activities } from '../../src/activities';
import { coldMoveInputSchema } from '../../src/contracts/coldMove/input';
import type { ColdMovePlan } from '../../src/contracts/coldMove/plan';
import { snapshotPrefix } from '../../src/contracts/migrationNaming';
import { twoHostActivityLab, type ActivityLab } from './activityHarness';

export const migrationId = '0190f3a1-7c2e-7d4b-9a6f-5e8d2c1b0a97';
export const snap = (n: number) => `${snapshotPrefix(migrationId)}${n}`;

export interface Rig extends ActivityLab {
  plan: ColdMovePlan;
  args: {
    source: string;
    target: string;
    datasets: { source: string; target: string; targetParent: string }[];
    migrationId: string;
  };
}

/** Two hosts with zone www pre-seeded (round 1 on both sides), as the gate finds them after converge. */
export async function preSeeded(sizeBytes = 2 * 1024 * 1024): Promise<Rig> {
  const rig = await twoHostActivityLab({ sizeBytes });
  const env = new MockActivityEnvironment();
  const plan: ColdMovePlan = await env.run(() =>
    rig.acts.preflightColdMove(coldMoveInputSchema.parse({ zone: 'www', source: 'node1', target: 'node2' })),
  );
  const datasets = plan.datasets.map((d) => ({ source: d.source, target: d.target, targetParent: d.targetParent }));
  await sendRound(env, rig.acts, datasets, 1);
  return { ...rig, plan, args: { source: 'node1', target: 'node2', datasets, migrationId } };
}

/** One round by the existing step activities, as the workflow's converge loop does it. */
export async function sendRound(
  env: MockActivityEnvironment,
  acts: Activities,
  datasets: Rig['args']['datasets'],
  n: number,
): Promise<void> {
  await env.run(() =>
    acts.createSnapshots({ host: 'node1', datasets: datasets.map((d) => d.source), snapName: snap(n) }),
  );
  for (const d of datasets) {
    await env.run(() =>
      acts.transferSnapshot({
        source: 'node1',
        target: 'node2',
        dataset: d.source,
        targetParent: d.targetParent,
        targetDataset: d.target,
        fromSnap: n > 1 ? snap(n - 1) : undefined,
        toSnap: snap(n),
        migrationId,
        transport: 'relay',
        expectedBytes: 0,
      }),
    );
  }
}
