// Records the histories of one successful and one rolled-back coldMove into test/fixtures for the
// replay test, so that a workflow change that breaks determinism fails CI. Record new ones when a
// workflow changes on purpose (named with today's date; never overwrite old ones: docs/upgrades.md),
// against any Temporal server:
//   TEMPORAL_ADDRESS=127.0.0.1:7233 node --import tsx scripts/record-history.ts
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { loadDevConfig } from '../src/temporal/devConfig';
import { resolveTemporalCli } from '../src/temporal/temporalCli';
import { approveCutoverUpdate, coldMoveProgressQuery } from '../src/contracts/coldMove/messages';
import { coldMoveRig, temporalAddress, type ColdMoveRig } from '../test/e2e/coldMoveHarness';
import { waitFor } from '../test/e2e/waitFor';

const cli = await resolveTemporalCli({ version: loadDevConfig().cliVersion });

/** The CLI's proto3 JSON export is the format `historyFromJSON` reads back. */
async function save(handle: WorkflowHandle, name: string): Promise<string> {
  const json = execFileSync(
    cli,
    ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', temporalAddress(), '--output', 'json'],
    { encoding: 'utf8' },
  );
  // Recorded histories are never overwritten: a second recording the same day gets the next number.
  const day = new Date().toISOString().slice(0, 10);
  let file = new URL(`../test/fixtures/${name}@${day}.history.json`, import.meta.url);
  for (let n = 2; existsSync(file); n++)
    file = new URL(`../test/fixtures/${name}@${day}.${n}.history.json`, import.meta.url);
  writeFileSync(file, json);
  return file.pathname;
}

/** Each recording, in the order they run (the failed run's undo leaves the zone where it was). */
const RECORDINGS: Record<string, (rig: ColdMoveRig) => Promise<WorkflowHandle>> = {
  'coldMove-rolled-back': async (rig) => {
    const fault = rig.lab.faults.add({
      host: 'node2',
      match: /zoneadm -z www attach -z solaris$/,
      action: 'fail',
      exitCode: 1,
      stderr: 'recorded failure',
    });
    const failed = await rig.start({}, 'replay/coldMove-rolled-back');
    await failed.result().catch(() => undefined);
    fault.remove();
    return failed;
  },
  // A gate that re-syncs for a few seconds, then the approval: the flat gate's shape.
  'coldMove-gated': async (rig) => {
    const gated = await rig.start(
      { cutover: { requireApproval: true, resyncSeconds: 1 }, sourcePolicy: 'uninstall' },
      'replay/coldMove-gated',
    );
    await waitFor('the cutover gate', async () =>
      (await gated.query(coldMoveProgressQuery).catch(() => undefined))?.detail.awaitingApproval ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await gated.executeUpdate(approveCutoverUpdate, { args: [{ approvedBy: 'record-history' }] });
    await gated.result();
    // Back to node1 for the next recording.
    await (
      await rig.start({ source: 'node2', target: 'node1', sourcePolicy: 'uninstall' }, 'replay/coldMove-gated-back')
    ).result();
    return gated;
  },
  'coldMove-ok': async (rig) => {
    const ok = await rig.start({}, 'replay/coldMove-ok');
    await ok.result();
    return ok;
  },
};

// `record-history.ts coldMove-gated` records only the ones named (new shapes); no name: all of them.
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(RECORDINGS);
const rig = await coldMoveRig();
const recorded: string[] = [];
for (const name of names) {
  const record = RECORDINGS[name];
  if (!record) throw new Error(`no recording named ${name}: ${Object.keys(RECORDINGS).join(', ')}`);
  recorded.push(await save(await record(rig), name));
}
await rig.close();
console.log(`recorded ${recorded.join(' and ')}`);
