// Typed errors for conversion: callers branch on `code` and `details.reason`, never on the text.
import { EngineError } from "../../contract/errors.ts";

export type ConvertFailure =
  | "empty-file"
  | "unsupported-format"
  | "pdf-password"
  | "pdf-corrupt"
  | "docx-corrupt"
  | "zip-bomb"
  | "ocr-failed"
  | "worker-crashed";

export function convertError(reason: ConvertFailure, message: string, extra?: Record<string, unknown>, cause?: unknown): EngineError {
  return new EngineError("INVALID_INPUT", message, { reason, ...extra }, cause === undefined ? undefined : { cause });
}

export function abortError(): EngineError {
  return new EngineError("ABORTED", "Cancelled.");
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
