export interface IscsiLuRollbackResult {
  guid: string;
  zvol: string;
  snapshot: string;
  /** Snapshots `zfs rollback -r` destroyed, with the operator's consent. */
  destroyed: string[];
  /** Views restored, as recorded. */
  views: number;
  consumer?: { zone: string; host: string; state: string };
  /** The consumer's host data was re-created (`attach -x initialize-hostdata`): its key no longer opened it. */
  hostDataInitialized: boolean;
}

/** iscsiLuRollback's part of the progress model. */
export interface IscsiLuRollbackDetail {
  guid?: string;
  newer?: string[];
  hostDataInitialized?: boolean;
}

/** The detail as lines, for the UI's current details and `zmig watch` alike. */
export function iscsiLuRollbackDetailLines(d: IscsiLuRollbackDetail): string[] {
  const lines: string[] = [];
  if (d.guid) lines.push(`LU ${d.guid}`);
  if (d.newer?.length) lines.push(`newer snapshots destroyed by the rollback: ${d.newer.join(', ')}`);
  if (d.hostDataInitialized)
    lines.push('host data re-created (attach -x initialize-hostdata): the old key no longer opened it');
  return lines;
}
