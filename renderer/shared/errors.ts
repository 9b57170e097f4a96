// Errors reach the renderer as `{code, message}` from the bridge, or as plain Errors from the
// browser. The user always sees a sentence, never "[object Object]".
import type { ErrorCode } from "../../native/contract/errors.ts";

export function errorMessage(err: unknown): string {
  if (typeof err === "string") return err;
  if (err && typeof err === "object" && "message" in err && typeof err.message === "string" && err.message) return err.message;
  return "Something went wrong, and the engine gave no reason.";
}

export function errorCode(err: unknown): ErrorCode | null {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") return err.code as ErrorCode;
  return null;
}

export function isAborted(err: unknown): boolean {
  return errorCode(err) === "ABORTED";
}

/** A fresh id for a call we may cancel or whose events we follow. */
export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

