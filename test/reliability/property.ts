/**
 * `fc.assert` with a readable failure: the seed and path to replay it, and the counterexample with
 * long strings abbreviated (a 32,767-character cell would otherwise flood the CI log).
 */
import fc from "fast-check";

/** JSON with every string longer than 60 characters shown as `<N chars: start…>`. */
export function short(value: unknown, max = 4000): string {
  const s = JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" && v.length > 60 ? `<${v.length} chars: ${v.slice(0, 20)}…>` : v)) ?? String(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function failure(details: fc.RunDetails<unknown>): Error {
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return new Error(`Property failed after ${details.numRuns} runs (replay: { seed: ${details.seed}, path: "${details.counterexamplePath ?? ""}" })\nCounterexample: ${short(details.counterexample)}\n${cause.length > 6000 ? `${cause.slice(0, 6000)}…` : cause}`);
}

/** Check a synchronous property; throw a short, replayable error when it fails. */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params: fc.Parameters<Ts>): void {
  const details = fc.check(property, params) as fc.RunDetails<Ts>;
  if (details.failed) throw failure(details as fc.RunDetails<unknown>);
}

/** Check an asynchronous property; throw a short, replayable error when it fails. */
export async function assertAsyncProperty<Ts>(property: fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts>): Promise<void> {
  const details = (await fc.check(property, params)) as fc.RunDetails<Ts>;
  if (details.failed) throw failure(details as fc.RunDetails<unknown>);
}
