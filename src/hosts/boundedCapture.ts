/** Captured stdout/stderr stops growing here: a runaway command fails instead of exhausting memory. */
export const OUTPUT_LIMIT_BYTES = 16 * 1024 * 1024;

/** Collects a stream's chunks up to a byte limit and decodes them once, so UTF-8 split across chunks survives. */
export class BoundedCapture {
  readonly #chunks: Buffer[] = [];
  #size = 0;

  constructor(readonly limitBytes: number = OUTPUT_LIMIT_BYTES) {}

  /** Keeps the chunk; false (and the chunk dropped) once the total would pass the limit. */
  add(chunk: Buffer): boolean {
    if (this.#size + chunk.length > this.limitBytes) return false;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    return true;
  }

  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}
