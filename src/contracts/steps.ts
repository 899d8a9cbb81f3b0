/**
 * One row of a procedure's step table: the single source of its step ids, titles and phases for
 * the run, the progress list, `zmig plan` and the README's step table.
 */
export interface StepDefinition<Id extends string = string, Phase extends string = string> {
  readonly id: Id;
  readonly title: string;
  /** The phase the run is in while this step runs (the `ZmigPhase` search attribute). */
  readonly phase: Phase;
  /** Whether the step changes a host (read-only steps are not compared with the plan). */
  readonly mutates: boolean;
  /** What undoes it, when it has an undo. */
  readonly undo?: string;
}

export type StepIdOf<T extends readonly StepDefinition[]> = T[number]['id'];
export type PhaseOf<T extends readonly StepDefinition[]> = T[number]['phase'];
