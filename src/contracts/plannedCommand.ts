/** One command a step would run, for `zmig plan`: `step` is the step table's id. */
export interface PlannedCommand {
  step: string;
  host: string;
  command: string;
  /** Issued only when the run finds this: "its mountpoint differs". */
  when?: string;
}
