import type { Lab } from '../../src/sim/lab';

/** One demo: simulated hosts set up for a procedure, and the run an operator would start. */
export interface DemoScenario {
  /** What the lab holds, said before it starts. */
  intro: string;
  setUp(): Promise<Lab>;
  workflowId: string;
  /** The `zmig …` command line the demo shows. */
  commandLine: string;
  /** Starts the procedure as the CLI does and follows it; the CLI's exit code. */
  run(): Promise<number>;
  success: string;
  /** Stops what the scenario set running on the hosts. */
  tearDown(lab: Lab): void;
}
