import {
  allHandlersFinished,
  CancellationScope,
  condition,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { progressQuery } from '../../contracts/messages';
import type { EndPhase, ProcedureProgress, StepProgress, StepStatus } from '../../contracts/progress';
import { identitySearchAttributes, type ProcedureIdentity } from '../../contracts/identity';
import { ZMIG_PHASE } from '../../contracts/searchAttributes';
import type { PhaseOf, StepDefinition, StepIdOf } from '../../contracts/steps';
import { progressMarkdown } from './progressMarkdown';
import { causeMessage, failureAfterCompensation, failurePastPointOfNoReturn, Saga } from './saga';

/** What the best-effort steps after the point of no return did, and what they could not do. */
export interface BestEffortOutcome {
  finalized: string[];
  warnings: string[];
}

/**
 * The ceremony every procedure shares, so that a workflow file reads as its procedure's story:
 * the progress query and the UI's current details, the identity search attributes (set by the run
 * itself, so a child workflow has them too), the step table's phases, the saga of undos, the point
 * of no return, best-effort steps after it, and the rollback that ends a failed or cancelled run.
 */
export class ProcedureRun<Steps extends readonly StepDefinition[], Detail> {
  readonly progress: ProcedureProgress<Detail>;
  private readonly saga = new Saga();
  private readonly outcome: BestEffortOutcome = { finalized: [], warnings: [] };

  constructor(
    identity: ProcedureIdentity,
    private readonly steps: Steps,
    detail: Detail,
    private readonly detailLines: (detail: Detail) => string[],
  ) {
    this.progress = {
      ...identity,
      phase: steps[0]?.phase ?? 'done',
      steps: steps.map((s) => ({ id: s.id, title: s.title, status: 'pending' })),
      pointOfNoReturn: false,
      undo: [],
      detail,
    };
    setHandler(progressQuery, () => this.progress);
    upsertSearchAttributes([...identitySearchAttributes(identity), { key: ZMIG_PHASE, value: this.progress.phase }]);
    this.publish();
  }

  /** Runs one step of the table: its phase, running → done (with a short detail) in the progress. */
  async step<T>(id: StepIdOf<Steps>, fn: () => Promise<T>, detail?: (result: T) => string): Promise<T> {
    this.enter(this.definition(id).phase);
    this.set(id, 'running');
    const result = await fn();
    this.set(id, 'done', detail?.(result));
    return result;
  }

  skip(id: StepIdOf<Steps>, why: string): void {
    this.set(id, 'skipped', why);
  }

  statusOf(id: StepIdOf<Steps>): StepStatus {
    return this.stepProgress(id).status;
  }

  /** Registers the undo of the step about to run: pushed before it, so a step failing halfway is undone too. */
  undo(description: string, run: () => Promise<unknown>): void {
    this.saga.push(description, run);
  }

  /** From here on nothing is rolled back: the undos are forgotten and failures become warnings. */
  pointOfNoReturn(): void {
    this.progress.pointOfNoReturn = true;
    this.saga.commit();
    this.publish();
  }

  /** A step after the point of no return: its failure is a warning in the result, never a rollback. */
  async bestEffort(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      const r = await fn();
      this.outcome.finalized.push(typeof r === 'string' ? r : what);
    } catch (err) {
      this.warn(what, err);
      return;
    }
    this.publish();
  }

  /** Housekeeping that failed without harm to the run: a warning in its result, never a rollback. */
  warn(what: string, err: unknown): void {
    this.outcome.warnings.push(`${what}: ${causeMessage(err)}`);
    this.publish();
  }

  get bestEffortOutcome(): BestEffortOutcome {
    return this.outcome;
  }

  /**
   * Ends a failed or cancelled run: the failing step marked, every undo run in reverse (even when
   * cancelled), the progress showing each; returns what the workflow throws.
   */
  async rollBack(err: unknown): Promise<unknown> {
    const failed = this.progress.steps.filter((s) => s.status === 'running').pop();
    if (failed) this.set(failed.id, 'failed');
    this.progress.error = err instanceof Error ? err.message : String(err);
    this.enter('rolling-back');
    const report = await this.saga.compensate((description, status) => {
      const entry = this.progress.undo.find((u) => u.description === description);
      if (entry) entry.status = status;
      else this.progress.undo.push({ description, status });
      this.publish();
    });
    this.enter(report.failed.length ? 'failed' : 'rolled-back');
    await condition(allHandlersFinished);
    return failureAfterCompensation(err, failed?.title ?? 'unknown', report);
  }

  /**
   * Steps after the point of no return that the procedure cannot do without (an LU rollback's
   * import): a cancel no longer stops them, and a failure ends the run as failed, naming what did
   * not run; nothing is undone.
   */
  async pastPointOfNoReturn<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await CancellationScope.nonCancellable(fn);
    } catch (err) {
      const failed = this.progress.steps.filter((s) => s.status === 'running').pop();
      if (failed) this.set(failed.id, 'failed');
      this.progress.error = err instanceof Error ? err.message : String(err);
      this.enter('failed');
      await condition(allHandlersFinished);
      const notRun = this.progress.steps.filter((s) => s.status === 'pending').map((s) => s.title);
      throw failurePastPointOfNoReturn(err, failed?.title ?? 'unknown', notRun);
    }
  }

  /**
   * A successful end: phase `done`, after any update still being handled. Past the point of no
   * return a cancel that came meanwhile does not turn the finished run into a cancelled one.
   */
  async finish(): Promise<void> {
    this.enter('done');
    if (this.progress.pointOfNoReturn) await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
    else await condition(allHandlersFinished);
  }

  /** Shows a change of the detail (or of anything else) in the UI's current details. */
  publish(): void {
    setCurrentDetails(progressMarkdown(this.progress, this.detailLines));
  }

  private enter(phase: PhaseOf<Steps> | EndPhase): void {
    if (this.progress.phase !== phase) {
      this.progress.phase = phase;
      upsertSearchAttributes([{ key: ZMIG_PHASE, value: phase }]);
    }
    this.publish();
  }

  private set(id: string, status: StepStatus, detail?: string): void {
    const step = this.stepProgress(id);
    step.status = status;
    if (detail !== undefined) step.detail = detail;
    this.publish();
  }

  private stepProgress(id: string): StepProgress {
    const step = this.progress.steps.find((s) => s.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  private definition(id: string): StepDefinition {
    return this.steps.find((s) => s.id === id)!;
  }
}
