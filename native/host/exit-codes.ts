// How a host process (the CLI, the web host) turns a failure into an exit status. One number per
// category of failure, so a script can branch on `$?` without reading messages; the table is exhaustive
// over the engine's error codes, so a new code cannot join the contract without its exit status here.
import { toWireError, type ErrorCode, type WireError } from "../contract/errors.ts";

export const ExitCode = {
  OK: 0,
  /** Anything not in a category below: an engine bug, a crash, a busy resource, a failed download. */
  GENERAL: 1,
  /** Bad command line, or input the engine refused as invalid. */
  USAGE: 2,
  /** No such model, file, folder, conversation or message. */
  NOT_FOUND: 3,
  /** The file is not a usable GGUF model (or the adapter does not fit the model). */
  INVALID_MODEL: 4,
  OUT_OF_MEMORY: 5,
  PERMISSION_DENIED: 6,
  /** The engine process died or could not be started. */
  ENGINE_FAILED: 7,
  /** Refused by the organisation's managed policy, or the policy itself is invalid. */
  POLICY: 8,
  /** `enclave audit verify`: the audit log's hash chain is broken. */
  AUDIT_BROKEN: 9,
  /** Cancelled with Ctrl-C (128 + SIGINT, as shells report it). */
  ABORTED: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_BY_ERROR: Record<ErrorCode, ExitCode> = {
  INVALID_INPUT: ExitCode.USAGE,
  UNKNOWN_METHOD: ExitCode.GENERAL,
  MODEL_NOT_FOUND: ExitCode.NOT_FOUND,
  INVALID_MODEL_FILE: ExitCode.INVALID_MODEL,
  INCOMPATIBLE_ADAPTER: ExitCode.INVALID_MODEL,
  OUT_OF_MEMORY: ExitCode.OUT_OF_MEMORY,
  NO_MODEL_LOADED: ExitCode.GENERAL,
  CONVERSATION_NOT_FOUND: ExitCode.NOT_FOUND,
  MESSAGE_NOT_FOUND: ExitCode.NOT_FOUND,
  NOT_FOUND: ExitCode.NOT_FOUND,
  PERMISSION_DENIED: ExitCode.PERMISSION_DENIED,
  POLICY_DENIED: ExitCode.POLICY,
  POLICY_INVALID: ExitCode.POLICY,
  OFFLINE: ExitCode.GENERAL,
  DOWNLOAD_FAILED: ExitCode.GENERAL,
  ABORTED: ExitCode.ABORTED,
  BUSY: ExitCode.GENERAL,
  ENGINE_CRASHED: ExitCode.ENGINE_FAILED,
  ENGINE_UNAVAILABLE: ExitCode.ENGINE_FAILED,
  UNSUPPORTED_FORMAT: ExitCode.GENERAL,
  DISK_FULL: ExitCode.GENERAL,
  INTERNAL: ExitCode.GENERAL,
};

/** A mistake on the command line, found before the engine is asked anything. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The usage text of the command the mistake was made in, printed after the message. */
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

export interface Failure {
  exitCode: ExitCode;
  message: string;
  /** Usage text to print after the message, for command-line mistakes. */
  usage?: string;
}

/** What to print and which status to exit with for anything a command threw. */
export function describeFailure(err: unknown): Failure {
  if (err instanceof UsageError) {
    return err.usage === undefined ? { exitCode: ExitCode.USAGE, message: err.message } : { exitCode: ExitCode.USAGE, message: err.message, usage: err.usage };
  }
  const wire: WireError = toWireError(err);
  return { exitCode: EXIT_CODE_BY_ERROR[wire.code], message: wire.message };
}
