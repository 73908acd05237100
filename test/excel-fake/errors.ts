/**
 * Errors shaped like `OfficeExtension.Error` (name `RichApi.Error`, `code`, `message`, `debugInfo`),
 * with the codes of `Excel.ErrorCodes` / `OfficeExtension.ErrorCodes`.
 * See https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 */

/** The error codes the fake raises (strings as Office.js reports them). */
export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "InvalidOperationInCellEditMode"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "ApiNotFound"
  | "InvalidObjectPath"
  | "InsertDeleteConflict"
  | "GeneralException";

/** An `OfficeExtension.Error` look-alike. */
export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };
  constructor(readonly code: FakeErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

/** Raise an Office.js-style error. */
export function officeError(code: FakeErrorCode, message: string, errorLocation?: string): FakeOfficeError {
  return new FakeOfficeError(code, message, errorLocation);
}
