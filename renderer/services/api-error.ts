// The error every EnclaveApi call rejects with, whichever transport carried it (the Electron preload
// or the web host's WebSocket): the contract's `{code, message, details}`, as an Error so it has a
// stack and works with `instanceof`. Callers branch on `code`, never on the message text.
import type { ErrorCode, WireError } from "../../native/contract/errors.ts";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** From whatever a host sent as an error; a shape we do not recognise becomes INTERNAL, kept readable. */
  static fromWire(wire: unknown): ApiError {
    if (wire && typeof wire === "object") {
      const { code, message, details } = wire as Partial<WireError>;
      if (typeof code === "string" && typeof message === "string") {
        return new ApiError(code, message, details && typeof details === "object" ? details : undefined);
      }
    }
    return new ApiError("INTERNAL", `Unexpected error from the host: ${safeJson(wire)}`);
  }

  toWire(): WireError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isApiError(err: unknown, code?: ErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
