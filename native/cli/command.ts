// What a CLI command is and what it is given. Commands never touch `process` directly: streams,
// environment, the engine and Ctrl-C all come through the context, so each can be tested with fakes.
import type { EngineClient } from "../client/types.ts";
import type { OptionSpecs, ParsedArgs } from "../host/args.ts";
import type { ExitCode } from "../host/exit-codes.ts";
import type { Style } from "./output.ts";

export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
}

export interface CommandContext {
  args: ParsedArgs;
  io: CliIO;
  /** The directory relative paths on the command line are resolved against. */
  cwd: string;
  /** Colours for each stream (plain when it is not a terminal or NO_COLOR is set). */
  style: { out: Style; err: Style };
  /** Starts the engine on first use; the CLI closes it however the command ends. */
  engine(): Promise<EngineClient>;
  /** Aborted by Ctrl-C unless the command has taken Ctrl-C over with `onInterrupt`. */
  signal: AbortSignal;
  /** Take over Ctrl-C (SIGINT) while `handler` is set; returns a function that gives it back. */
  onInterrupt(handler: () => void): () => void;
}

export interface Command {
  /** The words that name it: ["models", "list"], ["chat"]. */
  words: readonly string[];
  summary: string;
  /** Full help text, printed by --help and after usage errors. */
  usage: string;
  options: OptionSpecs;
  /** Resolves to the exit status (OK when nothing is returned); throws for failures. */
  run(ctx: CommandContext): Promise<ExitCode | void>;
}

/** Help text lines shared by every command. */
export const GLOBAL_OPTIONS_HELP = `Global options:
  --data-dir <dir>   where Enclave keeps its state (env ENCLAVE_DATA_DIR; default: the app's data folder)
  --cpu              do not use the GPU
  -h, --help         show this help`;
