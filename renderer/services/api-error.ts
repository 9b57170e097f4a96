// The error the web host's WebSocket client (and the renderer's own checks) reject with: the contract's
// `{code, message, details}`, as an Error so it has a stack. The Electron preload rejects with the plain
// `{code, message}` object instead, so callers read `code` through app/errors.ts (`errorCode`,
// `isAborted`), never `instanceof`, and never branch on the message text.
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
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
