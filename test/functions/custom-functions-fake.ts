/**
 * Stand-ins for the `CustomFunctions` runtime global and for Excel's streaming invocation, so the
 * functions in functions/functions.ts can be called directly in Node.
 */

/** The ErrorCode values of @types/custom-functions-runtime. */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** Same shape as CustomFunctions.Error. */
export class FakeCustomFunctionsError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message);
  }
}

/** Install the fake `CustomFunctions` global (idempotent). */
export function installCustomFunctionsGlobal(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: FakeCustomFunctionsError, ErrorCode, associate: () => undefined };
}

/** A streaming invocation that records every result Excel would show. */
export class FakeStreamingInvocation<T> {
  /** Every invocation not yet cancelled (so a test can end them all: no timers left behind). */
  static readonly open = new Set<FakeStreamingInvocation<unknown>>();
  readonly results: (T | FakeCustomFunctionsError)[] = [];

  constructor() {
    FakeStreamingInvocation.open.add(this as FakeStreamingInvocation<unknown>);
  }

  /** Cancel every open invocation (call in afterEach). */
  static cancelAll(): void {
    for (const inv of [...FakeStreamingInvocation.open]) inv.cancel();
  }
  onCanceled: (() => void) | undefined;
  address = "Sheet1!A1";

  setResult(value: T | FakeCustomFunctionsError): void {
    this.results.push(value);
  }

  /** What the cell shows now: the value, or `#N/A 未找到客户：…`. */
  get shown(): unknown {
    const last = this.results[this.results.length - 1];
    return last instanceof FakeCustomFunctionsError ? `${last.code} ${last.message}` : last;
  }

  /** Excel removed the formula (or its arguments changed). */
  cancel(): void {
    FakeStreamingInvocation.open.delete(this as FakeStreamingInvocation<unknown>);
    this.onCanceled?.();
  }

  /** Typed as the real invocation for calling the functions. */
  get asInvocation(): CustomFunctions.StreamingInvocation<T> {
    return this as unknown as CustomFunctions.StreamingInvocation<T>;
  }
}

/** Resolve after `ms` milliseconds (real timers). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait until `cond()` holds (polling), failing after `ms`. */
export async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await sleep(2);
  }
}
