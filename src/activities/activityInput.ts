import { datasetNameSchema, InvalidArgumentError, snapNameSchema } from '../solaris';

// Any workflow in the namespace can call an activity, so each one checks the names it puts on a
// command line itself, not trusting that the workflow validated them. The error classifier makes
// these non-retryable InvalidInput failures.

const invalid = (message: string) => new InvalidArgumentError(message);

export function requireDatasetNames(names: readonly string[]): void {
  for (const name of names) {
    const parsed = datasetNameSchema.safeParse(name);
    if (!parsed.success)
      throw invalid(`invalid dataset name ${JSON.stringify(name)}: ${parsed.error.issues[0]?.message ?? ''}`);
  }
}

/** A snapshot name or the prefix of one: the part after `@`. */
export function requireSnapName(what: string, name: string): void {
  if (!snapNameSchema.safeParse(name).success) throw invalid(`invalid ${what} ${JSON.stringify(name)}`);
}
