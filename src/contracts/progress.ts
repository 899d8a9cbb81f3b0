/**
 * The report model of any running procedure: what the `progress` query returns, what `zmig watch`
 * and `zmig status` draw, and what the Temporal UI shows as current details. A core every procedure
 * shares, plus a typed `detail` of the procedure's own (coldMove: its transfer rounds and downtime).
 * Pure data, no Temporal imports.
 */
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'undone';

/** The phases every procedure ends in, beside the ones its step table names. */
export type EndPhase = 'done' | 'rolling-back' | 'rolled-back' | 'failed';

export interface StepProgress {
  id: string;
  title: string;
  status: StepStatus;
  detail?: string;
}

export interface UndoProgress {
  description: string;
  status: 'running' | 'done' | 'failed';
}

export interface ProcedureProgress<Detail = unknown> {
  procedure: string;
  /** The zone the procedure is about (for an LU rollback, its consuming zone, if any). */
  zone: string;
  /** Every host involved, by role: `{ source, target }`, `{ host }`, `{ storage, consumer }`. */
  hosts: Record<string, string>;
  phase: string;
  steps: StepProgress[];
  pointOfNoReturn: boolean;
  undo: UndoProgress[];
  error?: string;
  detail: Detail;
}

/**
 * What any long activity heartbeats (a transfer, a resilver): `zmig watch` draws it as a bar
 * whatever the activity, read from the workflow's pending activities.
 */
export interface ActivityProgress {
  /** What is moving: "send -i pool/www". */
  label: string;
  bytes: number;
  /** Known for a full send or a resilver; absent when the size is not known in advance. */
  total?: number;
  bytesPerSec: number;
  percent?: number;
  etaSeconds?: number;
}

export function isActivityProgress(value: unknown): value is ActivityProgress {
  const v = value as Partial<ActivityProgress> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.label === 'string' &&
    typeof v.bytes === 'number' &&
    typeof v.bytesPerSec === 'number'
  );
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

export function undoMark(status: UndoProgress['status']): string {
  return status === 'done' ? '✔' : status === 'failed' ? '✘' : '▶';
}
