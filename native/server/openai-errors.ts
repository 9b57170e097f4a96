// Errors shaped exactly like OpenAI's (`{error: {message, type, param, code}}`) with the status an
// OpenAI client expects, mapped from the engine's one error union, so SDKs raise their usual classes
// (AuthenticationError, NotFoundError, RateLimitError, …).
import { EngineError, type ErrorCode, type WireError } from "../contract/errors.ts";

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null): ApiError =>
  new ApiError(400, message, "invalid_request_error", code, param);

const BY_CODE: Record<ErrorCode, { status: number; type: string; code: string | null }> = {
  INVALID_INPUT: { status: 400, type: "invalid_request_error", code: null },
  UNKNOWN_METHOD: { status: 404, type: "invalid_request_error", code: "unknown_url" },
  MODEL_NOT_FOUND: { status: 404, type: "invalid_request_error", code: "model_not_found" },
  INVALID_MODEL_FILE: { status: 400, type: "invalid_request_error", code: "invalid_model_file" },
  INCOMPATIBLE_ADAPTER: { status: 400, type: "invalid_request_error", code: "incompatible_adapter" },
  OUT_OF_MEMORY: { status: 503, type: "server_error", code: "out_of_memory" },
  NO_MODEL_LOADED: { status: 503, type: "server_error", code: "model_not_loaded" },
  CONVERSATION_NOT_FOUND: { status: 404, type: "invalid_request_error", code: "not_found" },
  MESSAGE_NOT_FOUND: { status: 404, type: "invalid_request_error", code: "not_found" },
  NOT_FOUND: { status: 404, type: "invalid_request_error", code: "not_found" },
  PERMISSION_DENIED: { status: 403, type: "invalid_request_error", code: "permission_denied" },
  OFFLINE: { status: 403, type: "invalid_request_error", code: "offline" },
  DOWNLOAD_FAILED: { status: 502, type: "server_error", code: "download_failed" },
  ABORTED: { status: 499, type: "invalid_request_error", code: "cancelled" },
  BUSY: { status: 503, type: "server_error", code: "busy" },
  ENGINE_CRASHED: { status: 503, type: "server_error", code: "engine_crashed" },
  ENGINE_UNAVAILABLE: { status: 503, type: "server_error", code: "engine_unavailable" },
  UNSUPPORTED_FORMAT: { status: 400, type: "invalid_request_error", code: "unsupported_format" },
  DISK_FULL: { status: 507, type: "server_error", code: "disk_full" },
  POLICY_DENIED: { status: 403, type: "invalid_request_error", code: "policy_denied" },
  POLICY_INVALID: { status: 503, type: "server_error", code: "policy_invalid" },
  INTERNAL: { status: 500, type: "server_error", code: null },
};

/** Anything thrown while serving a request → the OpenAI-shaped error to send. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof EngineError) return fromWire(err.toWire());
  const fastify = err as { statusCode?: number; code?: string; message?: string };
  if (fastify?.code === "FST_ERR_CTP_BODY_TOO_LARGE") return new ApiError(413, "The request body is too large.", "invalid_request_error", "request_too_large");
  if (typeof fastify?.statusCode === "number" && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return invalidRequest(fastify.message ?? "Bad request.");
  }
  return new ApiError(500, err instanceof Error ? err.message : String(err), "server_error");
}

export function fromWire(wire: WireError): ApiError {
  // A full queue is the one BUSY that means "slow down": OpenAI's rate-limit shape and Retry-After.
  if (wire.code === "BUSY" && wire.details?.queueFull === true) {
    return new ApiError(429, wire.message, "requests", "rate_limit_exceeded", null, { "retry-after": String(wire.details.retryAfterS ?? 1) });
  }
  const mapped = BY_CODE[wire.code];
  const param = typeof wire.details?.param === "string" ? wire.details.param : wire.code === "MODEL_NOT_FOUND" ? "model" : null;
  return new ApiError(mapped.status, wire.message, mapped.type, mapped.code, param);
}
