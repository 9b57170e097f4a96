// The one error union that crosses every boundary (IPC, HTTP, CLI). Engine code throws EngineError
// with a code; transports carry `{code, message, details}`; callers branch on `code`, never on text.
import { z } from "zod";

export const ErrorCode = z.enum([
  "INVALID_INPUT", // the request did not match the contract
  "UNKNOWN_METHOD", // a method name the contract does not have
  "MODEL_NOT_FOUND", // no file / no library entry for that reference
  "INVALID_MODEL_FILE", // not a GGUF, truncated, corrupt header or tensors
  "INCOMPATIBLE_ADAPTER", // a LoRA adapter that does not fit the loaded model
  "OUT_OF_MEMORY", // the model or context does not fit in RAM / VRAM
  "NO_MODEL_LOADED", // a chat call with nothing loaded
  "CONVERSATION_NOT_FOUND",
  "MESSAGE_NOT_FOUND",
  "NOT_FOUND", // any other missing file or folder
  "PERMISSION_DENIED", // unreadable folder or file
  "POLICY_DENIED", // refused by the organisation's managed policy
  "POLICY_INVALID", // the managed policy file is unreadable or invalid: the engine fails closed
  "OFFLINE", // a network action refused because the machine is (or is set) offline
  "DOWNLOAD_FAILED",
  "ABORTED", // cancelled by the caller
  "BUSY", // the resource is held by another operation that cannot be queued
  "ENGINE_CRASHED", // the engine process died while this call was in flight
  "ENGINE_UNAVAILABLE", // the engine could not be (re)started
  "UNSUPPORTED_FORMAT", // a stored file written by a newer Enclave: left untouched
  "DISK_FULL", // no space left on the disk that holds Enclave's data (ENOSPC)
  "INTERNAL", // a bug: anything not mapped to a code above
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof WireError>;

/** The only error type engine code should throw on purpose. */
export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toWire(): WireError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): EngineError {
    return new EngineError(wire.code, wire.message, wire.details);
  }
}

export function isEngineError(err: unknown, code?: ErrorCode): err is EngineError {
  return err instanceof EngineError && (code === undefined || err.code === code);
}

/**
 * Maps anything thrown to a wire error. Known failure shapes from Node and our dependencies are
 * recognised by their type or errno code; whatever is left is INTERNAL with its message kept.
 */
export function toWireError(err: unknown): WireError {
  if (err instanceof EngineError) return err.toWire();
  if (err instanceof z.ZodError) {
    return { code: "INVALID_INPUT", message: formatZodError(err), details: { issues: err.issues } };
  }
  if (err instanceof Error) {
    const errno = (err as NodeJS.ErrnoException).code;
    if (err.name === "AbortError") return { code: "ABORTED", message: "Cancelled." };
    if (errno === "ENOENT") return { code: "NOT_FOUND", message: err.message };
    if (errno === "EACCES" || errno === "EPERM") return { code: "PERMISSION_DENIED", message: err.message };
    if (errno === "ENOSPC") return { code: "DISK_FULL", message: `The disk is full: ${err.message}` };
    return { code: "INTERNAL", message: err.message || err.name };
  }
  return { code: "INTERNAL", message: String(err) };
}

export function formatZodError(err: z.ZodError): string {
  return err.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
