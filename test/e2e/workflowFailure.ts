import assert from 'node:assert/strict';

/** What a workflow's result rejects with; the test fails if the workflow succeeded. */
export async function failureOf(handle: { result(): Promise<unknown> }, expected = 'the workflow should have failed') {
  return handle.result().then(
    () => assert.fail(expected),
    (e: unknown) => e,
  );
}
