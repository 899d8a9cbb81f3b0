import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { ProcedureIdentity } from '../../contracts/identity';
import type { StepDefinition } from '../../contracts/steps';
import type * as workflows from '../../workflows';
import type { FlagSpec } from './schemaFlags';

/**
 * Everything the CLI knows about one procedure. `start`, `plan`, `watch`, `status` and `list` are
 * written once against this; adding a procedure adds one descriptor to the registry.
 */
// The registry holds descriptors of different inputs; each pairs its schema's output with its own
// functions, which the compiler checks where the descriptor is written (procedures/<name>.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ProcedureDescriptor<Input = any, Result = any, PlanResult = any, Detail = any> {
  /** The CLI subcommand: `zmig cold-move`, `zmig plan cold-move`. */
  command: string;
  description: string;
  /** The workflow types the worker registers: names of exported workflow functions, checked by the compiler. */
  workflowType: keyof typeof workflows;
  planWorkflowType: keyof typeof workflows;
  schema: z.ZodType<Input>;
  /** Its step table: `zmig plan` titles, the README's step table and the progress read it. */
  steps: readonly StepDefinition[];
  /** The run's identity: the search attributes set at start, the same the run upserts itself. */
  identity(input: Input): ProcedureIdentity;
  /** The update `zmig approve` sends, for procedures with an operator gate. */
  approval?: UpdateDefinition<string, [{ approvedBy?: string }]>;
  /** The positional argument, and the input field it fills. */
  argument: { name: string; path: string; description: string };
  flags: readonly FlagSpec[];
  /** Inventory hosts the input names: checked against the inventory before anything starts. */
  hosts(input: Input): string[];
  /**
   * The resource a run locks, named for people: "zone www on node1". Only messages use it (`zmig
   * <procedure>` refusing a second start on the same resource); the lock itself is `workflowId`.
   */
  resource(input: Input): string;
  /**
   * Runs of other procedures that must not be running when this one starts (an LU rollback's
   * consumer zone being migrated): their workflow ids.
   */
  conflicts?(input: Input): string[];
  /** The workflow id of a run: the locked resource as contracts/workflowIds.ts spells it (`zone/node1/www`). */
  workflowId(input: Input): string;
  planWorkflowId(input: Input, suffix: string): string;
  /** The Temporal UI's static summary and details (Markdown) of a run. */
  summary(input: Input): string;
  details(input: Input): string;
  /** The procedure's own part of the progress, as lines (`zmig watch`). */
  detailLines(detail: Detail): string[];
  /** What a finished run prints after its steps. */
  resultLines(result: Result): string[];
  /** `zmig plan`'s human output. */
  planLines(input: Input, plan: PlanResult): string[];
}
