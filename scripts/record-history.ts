// Records the histories of successful, gated and rolled-back coldMoves and of a successful and a
// rolled-back kzWarmMigrate and iscsiLuRollback into test/fixtures for the replay test, so that a workflow change that breaks determinism fails CI. Record new ones when a
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
import { kzWarmRig, type KzWarmRig } from '../test/e2e/kzWarmMigrateHarness';
import { luRig, must, type LuRig } from '../test/e2e/iscsiLuRollbackHarness';

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

const KZ_RECORDINGS: Record<string, (rig: KzWarmRig) => Promise<WorkflowHandle>> = {
  'kzWarmMigrate-rolled-back': async (rig) => {
    rig.addKernelZone('kzr');
    const fault = rig.lab.faults.add({ host: 'node2', match: /zoneadm -z kzr boot$/, action: 'fail', exitCode: 1 });
    const failed = await rig.start('kzr', {}, 'replay/kzWarmMigrate-rolled-back');
    await failed.result().catch(() => undefined);
    fault.remove();
    return failed;
  },
  'kzWarmMigrate-ok': async (rig) => {
    rig.addKernelZone('kzok');
    const ok = await rig.start('kzok', {}, 'replay/kzWarmMigrate-ok');
    await ok.result();
    return ok;
  },
};

/** A consumer re-keyed after its LU's snapshot, so the ok run re-creates its host data. */
async function luConsumer(rig: LuRig, zone: string): Promise<string> {
  const { zvol } = rig.addConsumer(zone);
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap1`);
  for (const line of ['halt', 'detach', 'attach -x initialize-hostdata', 'boot'])
    await must(rig.lab, 'node1', `zoneadm -z ${zone} ${line}`);
  await must(rig.lab, 'storage1', `zfs snapshot ${zvol}@snap2`);
  return zvol;
}

const LU_RECORDINGS: Record<string, (rig: LuRig) => Promise<WorkflowHandle>> = {
  'iscsiLuRollback-rolled-back': async (rig) => {
    const zvol = await luConsumer(rig, 'kzr');
    const fault = rig.lab.faults.add({ host: 'storage1', match: /zfs rollback /, action: 'fail', exitCode: 1 });
    const failed = await rig.client.workflow.start('iscsiLuRollback', {
      taskQueue: rig.taskQueue,
      workflowId: 'replay/iscsiLuRollback-rolled-back',
      args: [
        {
          storageHost: 'storage1',
          zvol,
          snapshot: 'snap1',
          destroyNewer: true,
          consumer: { zone: 'kzr', host: 'node1' },
          haltConsumer: true,
        },
      ],
    });
    await failed.result().catch(() => undefined);
    fault.remove();
    return failed;
  },
  'iscsiLuRollback-ok': async (rig) => {
    const zvol = await luConsumer(rig, 'kzok');
    const ok = await rig.client.workflow.start('iscsiLuRollback', {
      taskQueue: rig.taskQueue,
      workflowId: 'replay/iscsiLuRollback-ok',
      args: [
        {
          storageHost: 'storage1',
          zvol,
          snapshot: 'snap1',
          destroyNewer: true,
          consumer: { zone: 'kzok', host: 'node1' },
          haltConsumer: true,
        },
      ],
    });
    await ok.result();
    return ok;
  },
};

// `record-history.ts coldMove-gated` records only the ones named (new shapes); no name: all of them.
const all = [...Object.keys(RECORDINGS), ...Object.keys(KZ_RECORDINGS), ...Object.keys(LU_RECORDINGS)];
const names = process.argv.length > 2 ? process.argv.slice(2) : all;
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length) throw new Error(`no recording named ${unknown.join(', ')}: ${all.join(', ')}`);
const recorded: string[] = [];
const coldMoves = names.filter((n) => n in RECORDINGS);
if (coldMoves.length) {
  const rig = await coldMoveRig();
  for (const name of coldMoves) recorded.push(await save(await RECORDINGS[name]!(rig), name));
  await rig.close();
}
const kzMoves = names.filter((n) => n in KZ_RECORDINGS);
if (kzMoves.length) {
  const rig = await kzWarmRig();
  for (const name of kzMoves) recorded.push(await save(await KZ_RECORDINGS[name]!(rig), name));
  await rig.close();
}
const luRollbacks = names.filter((n) => n in LU_RECORDINGS);
if (luRollbacks.length) {
  const rig = await luRig();
  for (const name of luRollbacks) recorded.push(await save(await LU_RECORDINGS[name]!(rig), name));
  await rig.close();
}
console.log(`recorded ${recorded.join(' and ')}`);
