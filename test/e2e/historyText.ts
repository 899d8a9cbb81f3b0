import type { WorkflowHandle } from '@temporalio/client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/**
 * A history as searchable text, with every payload's bytes decoded: JSON.stringify alone leaves
 * payload data as byte arrays, where a search for a secret finds nothing whatever they hold.
 */
export function historyText(history: History): string {
  return JSON.stringify(history, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
  );
}
