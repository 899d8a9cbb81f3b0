import { progressQuery } from '../../contracts/messages';
import {
  ZMIG_HOSTS,
  ZMIG_PHASE,
  ZMIG_PROCEDURE,
  ZMIG_SOURCE_HOST,
  ZMIG_TARGET_HOST,
  ZMIG_ZONE,
} from '../../contracts/searchAttributes';
import { stepMark, type ProcedureProgress } from '../../contracts/progress';
import { withClient } from '../connect';
import { exitCodeOf, followMigration } from '../follow';
import { procedureOfWorkflow } from '../procedures/registry';
import { resolveWorkflowId } from '../workflowIds';
import { say } from '../render/printable';

export function watch(id: string, opts: { json: boolean }): Promise<number> {
  const workflowId = resolveWorkflowId(id);
  return withClient(async (client) => {
    return exitCodeOf(await followMigration(client.workflow.getHandle(workflowId), { json: opts.json }));
  });
}

export function status(id: string, opts: { json: boolean }): Promise<number> {
  const workflowId = resolveWorkflowId(id);
  return withClient(async (client) => {
    const handle = client.workflow.getHandle(workflowId);
    const desc = await handle.describe();
    const progress = await handle.query(progressQuery).catch(() => undefined as ProcedureProgress | undefined);
    if (opts.json) {
      console.log(
        JSON.stringify({ workflowId: desc.workflowId, runId: desc.runId, status: desc.status.name, progress }, null, 2),
      );
      return 0;
    }
    say(`${desc.workflowId}  ${desc.status.name}  started ${desc.startTime.toISOString()}`);
    if (!progress) {
      say('  (no progress available: is a worker running?)');
      return 0;
    }
    say(`  phase ${progress.phase}${progress.pointOfNoReturn ? ' (past the point of no return)' : ''}`);
    for (const s of progress.steps) say(`  ${stepMark(s.status)} ${s.title}${s.detail ? ` — ${s.detail}` : ''}`);
    for (const line of procedureOfWorkflow(desc.type)?.detailLines(progress.detail) ?? []) say(`    ${line}`);
    if (progress.error) say(`  error: ${progress.error}`);
    return 0;
  });
}

export function list(opts: { json: boolean; all: boolean }): Promise<number> {
  return withClient(async (client) => {
    const ours = `${ZMIG_PROCEDURE.name} IS NOT NULL`;
    const query = opts.all ? ours : `${ours} AND ExecutionStatus = 'Running'`;
    const rows: Record<string, string>[] = [];
    for await (const wf of client.workflow.list({ query })) {
      const attrs = wf.typedSearchAttributes;
      rows.push({
        workflowId: wf.workflowId,
        status: wf.status.name,
        procedure: attrs.get(ZMIG_PROCEDURE) ?? '',
        zone: attrs.get(ZMIG_ZONE) ?? '',
        source: attrs.get(ZMIG_SOURCE_HOST) ?? '',
        target: attrs.get(ZMIG_TARGET_HOST) ?? '',
        hosts: (attrs.get(ZMIG_HOSTS) ?? []).join(','),
        phase: attrs.get(ZMIG_PHASE) ?? '',
        started: wf.startTime.toISOString(),
      });
    }
    if (opts.json) console.log(JSON.stringify(rows, null, 2));
    else if (!rows.length) say(opts.all ? 'no migrations' : 'no running migrations (--all shows finished ones)');
    else
      for (const r of rows)
        say(
          `${r['workflowId']}  ${r['status']}  ${r['procedure']} ${r['source'] && r['target'] ? `${r['source']} → ${r['target']}` : r['hosts']}  phase ${r['phase']}`,
        );
    return 0;
  });
}
