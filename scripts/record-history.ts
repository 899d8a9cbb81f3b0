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
import { coldMoveRig, temporalAddress } from '../test/e2e/coldMoveHarness';

const cli = await resolveTemporalCli({ version: loadDevConfig().cliVersion });

/** The CLI's proto3 JSON export is the format `historyFromJSON` reads back. */
async function save(handle: WorkflowHandle, name: string): Promise<string> {
  const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', temporalAddress(), '--output', 'json'], { encoding: 'utf8' });
  const file = new URL(`../test/fixtures/${name}@${new Date().toISOString().slice(0, 10)}.history.json`, import.meta.url);
  if (existsSync(file)) throw new Error(`${file.pathname} exists: recorded histories are never overwritten`);
  writeFileSync(file, json);
  return file.pathname;
}

const rig = await coldMoveRig();
// The failing run first: its undo leaves the zone where it was, for the successful one.
const fault = rig.lab.faults.add({ host: 'node2', match: /zoneadm -z www attach -z solaris$/, action: 'fail', exitCode: 1, stderr: 'recorded failure' });
const failed = await rig.start({}, 'replay/coldMove-rolled-back');
await failed.result().catch(() => undefined);
fault.remove();
const recorded = [await save(failed, 'coldMove-rolled-back')];
const ok = await rig.start({}, 'replay/coldMove-ok');
await ok.result();
recorded.push(await save(ok, 'coldMove-ok'));

await rig.close();
console.log(`recorded ${recorded.join(' and ')}`);
