import { stepMark, undoMark, type ProcedureProgress } from '../../contracts/progress';

/** The UI's "current details" of a run: Markdown, rebuilt at every change. */
export function progressMarkdown<D>(p: ProcedureProgress<D>, detailLines: (detail: D) => string[]): string {
  const hosts = Object.values(p.hosts).join(' → ');
  const lines = [
    `**${p.procedure}** of zone \`${p.zone}\`: ${hosts}`,
    '',
    `phase: **${p.phase}**${p.pointOfNoReturn ? ' — past the point of no return' : ''}`,
    '',
    ...p.steps.map((s) => `- ${stepMark(s.status)} ${s.title}${s.detail ? ` — ${s.detail}` : ''}`),
  ];
  const detail = detailLines(p.detail);
  if (detail.length) lines.push('', ...detail.map((l) => `- ${l}`));
  if (p.undo.length) lines.push('', 'rollback:', '', ...p.undo.map((u) => `- ${undoMark(u.status)} ${u.description}`));
  if (p.error) lines.push('', `error: ${p.error}`);
  return lines.join('\n');
}
