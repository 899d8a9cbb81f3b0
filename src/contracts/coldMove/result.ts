import { formatBytes } from '../../solaris/units';

export interface ColdMoveResult {
  zone: string;
  source: string;
  target: string;
  downtimeMs: number;
  rounds: number;
  bytesTransferred: number;
  finalized: string[];
  warnings: string[];
}

export interface RoundProgress {
  round: number;
  kind: 'full' | 'incremental';
  bytes: number;
  seconds: number;
}

/** coldMove's part of the progress model. */
export interface ColdMoveDetail {
  rounds: RoundProgress[];
  awaitingApproval?: { deadline: string; onDeadline: 'proceed' | 'abort' };
  downtimeMs?: number;
}

/** The detail as lines, for the UI's current details and `zmig watch` alike. */
export function coldMoveDetailLines(d: ColdMoveDetail): string[] {
  const lines = d.rounds.map(
    (r) => `round ${r.round} (${r.kind}): ${formatBytes(r.bytes)} in ${r.seconds.toFixed(1)} s`,
  );
  if (d.awaitingApproval)
    lines.push(
      `waiting for cutover approval (zmig approve) until ${d.awaitingApproval.deadline}, then ${d.awaitingApproval.onDeadline}`,
    );
  if (d.downtimeMs !== undefined) lines.push(`downtime: ${(d.downtimeMs / 1000).toFixed(1)} s`);
  return lines;
}
