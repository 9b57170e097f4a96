// The error the renderer's own checks throw: the contract's `{code, message, details}`, as an Error so
// it has a stack. Calls to the engine reject with the plain `{code, message, details}` object of the
// shared wire client instead (Electron's contextBridge carries nothing else), so callers read `code`
// through shared/errors.ts (`errorCode`, `isAborted`), never `instanceof`, and never branch on the text.
import type { ErrorCode } from "../../native/contract/errors.ts";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

