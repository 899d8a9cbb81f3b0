import { ApplicationFailure, CancellationScope, isCancellation, log } from '@temporalio/workflow';
import { FailureType } from '../../contracts/failureTypes';

export interface Undo {
  /** What the undo does, for progress and the failure report ("delete zone config www on node2"). */
  readonly description: string;
  readonly run: () => Promise<unknown>;
}

export interface UndoReport {
  undone: string[];
  /** Undos that still failed after their own retries: the exact state the run leaves behind. */
  failed: { description: string; error: string }[];
}

/**
 * The compensation stack of one migration. Undos are pushed *before* their step runs (every undo is
 * idempotent and checks ownership), so a step that fails halfway is still compensated.
 */
export class Saga {
  private readonly undos: Undo[] = [];

  push(description: string, run: () => Promise<unknown>): void {
    this.undos.push({ description, run });
  }

  /** Forget every undo: called at the point of no return. */
  commit(): void {
    this.undos.length = 0;
  }

  get size(): number {
    return this.undos.length;
  }

  /**
   * Runs the undos in reverse inside a non-cancellable scope: a cancelled workflow must still
   * clean up. A failing undo does not stop the ones before it.
   */
  async compensate(
    onUndo?: (description: string, outcome: 'running' | 'done' | 'failed') => void,
  ): Promise<UndoReport> {
    const report: UndoReport = { undone: [], failed: [] };
    await CancellationScope.nonCancellable(async () => {
      while (this.undos.length > 0) {
        const undo = this.undos.pop()!;
        onUndo?.(undo.description, 'running');
        try {
          await undo.run();
          report.undone.push(undo.description);
          onUndo?.(undo.description, 'done');
        } catch (err) {
          const error = causeMessage(err);
          log.error('undo failed', { undo: undo.description, error });
          report.failed.push({ description: undo.description, error });
          onUndo?.(undo.description, 'failed');
        }
      }
    });
    return report;
  }
}

/**
 * Turns the failure that stopped a migration, plus what compensation did, into what the run ends with:
 * a cancellation stays a cancellation (status Cancelled); anything else becomes an ApplicationFailure
 * (status Failed) naming the step and, when undo failed, what is left behind.
 */
export function failureAfterCompensation(err: unknown, step: string, report: UndoReport): unknown {
  if (isCancellation(err) && report.failed.length === 0) return err;
  const cause = err instanceof Error ? err : undefined;
  const reason = innermostMessage(err);
  const leftBehind = report.failed.length
    ? ` UNDO INCOMPLETE, left as is: ${report.failed.map((f) => `${f.description} (${f.error})`).join('; ')}`
    : '';
  const what = isCancellation(err) ? 'cancelled' : 'failed';
  return ApplicationFailure.create({
    type: report.failed.length ? FailureType.UndoIncomplete : FailureType.MigrationFailed,
    message: `step "${step}" ${what}: ${reason}.${report.undone.length ? ` Rolled back ${report.undone.length} step(s).` : ''}${leftBehind}`,
    nonRetryable: true,
    cause,
    details: [{ step, undone: report.undone, undoFailed: report.failed }],
  });
}

/** A step after the point of no return failed: nothing is undone, and the operator learns what did not run. */
export function failurePastPointOfNoReturn(err: unknown, step: string, notRun: readonly string[]): ApplicationFailure {
  const left = notRun.length ? ` Not run: ${notRun.join('; ')}.` : '';
  return ApplicationFailure.create({
    type: FailureType.MigrationFailed,
    message: `step "${step}" failed past the point of no return: ${innermostMessage(err)}. Nothing was undone.${left}`,
    nonRetryable: true,
    cause: err instanceof Error ? err : undefined,
    details: [{ step, notRun }],
  });
}

/** An activity failure's own message is "Activity task failed": its cause says what went wrong. */
export function causeMessage(err: unknown): string {
  return err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
}

function innermostMessage(err: unknown): string {
  let cur: unknown = err;
  while (cur instanceof Error && cur.cause instanceof Error) cur = cur.cause;
  return cur instanceof Error ? cur.message : String(cur);
}
