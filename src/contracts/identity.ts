import type { SearchAttributePair } from '@temporalio/common';
import { ZMIG_HOSTS, ZMIG_PROCEDURE, ZMIG_SOURCE_HOST, ZMIG_TARGET_HOST, ZMIG_ZONE } from './searchAttributes';

/** What a run is about: its procedure, its zone and every host involved, by role. */
export interface ProcedureIdentity {
  procedure: string;
  /** The zone it is about; empty for an LU rollback without a consumer zone. */
  zone: string;
  /** Every host involved, by role; `source` and `target` also become their own search attributes. */
  hosts: Record<string, string>;
}

/**
 * The identity search attributes of a run: the CLI sets them at start (so `zmig list` finds a run
 * no worker has picked up yet) and the run upserts them itself (so a child workflow has them too).
 */
export function identitySearchAttributes({ procedure, zone, hosts }: ProcedureIdentity): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: ZMIG_PROCEDURE, value: procedure },
    // An LU rollback without a consumer zone is about no zone.
    ...(zone ? [{ key: ZMIG_ZONE, value: zone }] : []),
    { key: ZMIG_HOSTS, value: [...new Set(Object.values(hosts))] },
  ];
  if (hosts['source']) pairs.push({ key: ZMIG_SOURCE_HOST, value: hosts['source'] });
  if (hosts['target']) pairs.push({ key: ZMIG_TARGET_HOST, value: hosts['target'] });
  return pairs;
}

/** The identity of a procedure that moves one zone from a source host to a target host. */
export function zoneMoveIdentity(
  procedure: string,
  input: { zone: string; source: string; target: string },
): ProcedureIdentity {
  return { procedure, zone: input.zone, hosts: { source: input.source, target: input.target } };
}
