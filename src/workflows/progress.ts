import { formatBytes } from '../solaris/units';

/**
 * The report model of a running migration: what the `progress` query returns, what the CLI draws
 * and what the Temporal UI shows as current details. Pure data, no Temporal imports.
 */
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'undone';

export type Phase =
  | 'preflight'
  | 'configure'
  | 'pre-seed'
  | 'converge'
  | 'cutover-gate'
  | 'cutover'
  | 'finalize'
  | 'done'
  | 'rolling-back'
  | 'rolled-back'
  | 'failed';

export interface StepProgress {
  id: string;
  title: string;
  status: StepStatus;
  detail?: string;
}

export interface RoundProgress {
  round: number;
  kind: 'full' | 'incremental';
  bytes: number;
  seconds: number;
}

export interface MigrationProgress {
  procedure: string;
  zone: string;
  source: string;
  target: string;
  phase: Phase;
  steps: StepProgress[];
  pointOfNoReturn: boolean;
  rounds: RoundProgress[];
  awaitingApproval?: { deadline: string; onDeadline: 'proceed' | 'abort' };
  downtimeMs?: number;
  undo: { description: string; status: 'running' | 'done' | 'failed' }[];
  error?: string;
}

const statusMark: Record<StepStatus, string> = {
  pending: '·',
  running: '▶',
  done: '✔',
  failed: '✘',
  skipped: '–',
  undone: '↺',
};

export function stepMark(status: StepStatus): string {
  return statusMark[status];
}

export class ProgressTracker {
  readonly state: MigrationProgress;

  constructor(init: Pick<MigrationProgress, 'procedure' | 'zone' | 'source' | 'target'>, steps: readonly { id: string; title: string }[]) {
    this.state = {
      ...init,
      phase: 'preflight',
      steps: steps.map((s) => ({ ...s, status: 'pending' })),
      pointOfNoReturn: false,
      rounds: [],
      undo: [],
    };
  }

  step(id: string): StepProgress {
    const step = this.state.steps.find((s) => s.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  set(id: string, status: StepStatus, detail?: string): void {
    const step = this.step(id);
    step.status = status;
    if (detail !== undefined) step.detail = detail;
  }

  /** The step that is running now, or the last one that ran: the one a failure is blamed on. */
  currentStep(): StepProgress | undefined {
    const running = this.state.steps.filter((s) => s.status === 'running');
    return running[running.length - 1];
  }

  toMarkdown(): string {
    const s = this.state;
    const lines = [
      `**${s.procedure}** of zone \`${s.zone}\`: ${s.source} → ${s.target}`,
      '',
      `phase: **${s.phase}**${s.pointOfNoReturn ? ' — past the point of no return' : ''}`,
      '',
      ...s.steps.map((st) => `- ${statusMark[st.status]} ${st.title}${st.detail ? ` — ${st.detail}` : ''}`),
    ];
    if (s.rounds.length) {
      lines.push('', 'transfer rounds:', '');
      for (const r of s.rounds) lines.push(`- round ${r.round} (${r.kind}): ${formatBytes(r.bytes)} in ${r.seconds.toFixed(1)} s`);
    }
    if (s.awaitingApproval) lines.push('', `waiting for cutover approval until ${s.awaitingApproval.deadline}, then ${s.awaitingApproval.onDeadline}`);
    if (s.downtimeMs !== undefined) lines.push('', `downtime: ${(s.downtimeMs / 1000).toFixed(1)} s`);
    if (s.undo.length) {
      lines.push('', 'rollback:', '');
      for (const u of s.undo) lines.push(`- ${u.status === 'done' ? '✔' : u.status === 'failed' ? '✘' : '▶'} ${u.description}`);
    }
    if (s.error) lines.push('', `error: ${s.error}`);
    return lines.join('\n');
  }
}
