import { progressQuery } from '../../contracts/messages';
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
    const query = opts.all ? `ZmigProcedure IS NOT NULL` : `ZmigProcedure IS NOT NULL AND ExecutionStatus = 'Running'`;
    const rows: Record<string, string>[] = [];
    for await (const wf of client.workflow.list({ query })) {
      const attr = (name: string) => {
        const v = wf.searchAttributes[name];
        return Array.isArray(v) ? String(v[0] ?? '') : '';
      };
      rows.push({
        workflowId: wf.workflowId,
        status: wf.status.name,
        procedure: attr('ZmigProcedure'),
        zone: attr('ZmigZone'),
        source: attr('ZmigSourceHost'),
        target: attr('ZmigTargetHost'),
        hosts: Array.isArray(wf.searchAttributes['ZmigHosts']) ? wf.searchAttributes['ZmigHosts'].join(',') : '',
        phase: attr('ZmigPhase'),
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
