import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { toActivityFailure } from '../failures';

const REDACTED = '<key material redacted>';

/** Resource types whose values are secrets: a Kernel Zone's `keysource` (its host-data and suspend-image key). */
const SECRET_RESOURCES = new Set(['keysource']);

/**
 * The secret values in a `zonecfg export` text: every value set inside an `add keysource` block,
 * read from the text itself so that even an export zmig cannot parse is redacted. Longest first
 * (a value containing another is replaced whole).
 */
export function keyMaterialInExport(text: string): string[] {
  const secrets: string[] = [];
  let inside = false;
  for (const line of text.split('\n').map((l) => l.trim())) {
    const added = /^add\s+(\S+)/.exec(line)?.[1];
    if (added !== undefined) inside = SECRET_RESOURCES.has(added);
    else if (line === 'end') inside = false;
    else if (inside) {
      const value = /^set\s+[^=]+=(.*)$/.exec(line)?.[1]?.replace(/^"(.*)"$/, '$1');
      if (value) secrets.push(value);
    }
  }
  return secrets.sort((a, b) => b.length - a.length);
}

/**
 * `text` with every secret value, and any `raw=` assignment zonecfg may echo, replaced. A failure's
 * text is capped (head and tail) before it gets here, so a key the cut went through survives only
 * in part: a run of 8 or more hex digits found inside a secret goes too.
 */
export function redactKeyMaterial(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  out = out.replace(/[0-9A-Fa-f]{8,}/g, (run) => (secrets.some((s) => s.includes(run)) ? REDACTED : run));
  return out.replace(/\b(raw\s*=\s*)("[^"]*"|\S+)/g, `$1${REDACTED}`);
}

/**
 * Runs `fn`, and rethrows any failure with the key material taken out of its message and details:
 * zonecfg's stderr can echo the line it refused, and a failure's text reaches workflow history,
 * the worker's log and the CLI.
 */
export async function withKeyRedacted<T>(secrets: () => readonly string[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw redactedFailure(err, secrets());
  }
}

function redactedFailure(thrown: unknown, secrets: readonly string[]): unknown {
  const redact = (text: string): string => redactKeyMaterial(text, secrets);
  // Classified first, so a ParseError stays final and a dropped link stays retryable.
  const err = toActivityFailure(thrown);
  if (err instanceof TemporalFailure && !(err instanceof ApplicationFailure)) return err;
  if (err instanceof ApplicationFailure) {
    const details = (err.details ?? []).map((d) => JSON.parse(redact(JSON.stringify(d ?? null))) as unknown);
    return ApplicationFailure.create({
      type: err.type ?? undefined,
      message: redact(err.message),
      nonRetryable: err.nonRetryable ?? undefined,
      details,
    });
  }
  if (err instanceof Error) {
    const copy = new Error(redact(err.message));
    copy.name = err.name;
    return copy;
  }
  return new Error(redact(String(err)));
}
