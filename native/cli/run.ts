// The CLI without the process: parse argv, find the command, run it, map failures to an exit status,
// and close the engine however the command ended. main.ts wires it to the real process and engine;
// tests drive it with fake streams and a fake engine.
import { homedir } from "node:os";
import type { EngineClient } from "../client/types.ts";
import { GLOBAL_OPTIONS, parseCommandArgs, takeCommandWords } from "../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type CliIO, type Command, type CommandContext } from "./command.ts";
import { resolveDataDir } from "../host/data-dir.ts";
import { EngineError, isEngineError } from "../contract/errors.ts";
import { describeFailure, ExitCode, UsageError } from "../host/exit-codes.ts";
import { styleFor } from "./output.ts";

export interface EngineStartOptions {
  dataDir: string;
  gpu?: "auto" | false;
  env?: Record<string, string | undefined>;
}

export interface CliDeps {
  io: CliIO;
  commands: readonly Command[];
  version: string;
  startEngine(options: EngineStartOptions): Promise<EngineClient>;
  /** Subscribes to Ctrl-C (SIGINT); returns an unsubscribe. */
  onSigint(listener: () => void): () => void;
  /** A second Ctrl-C while the first is still being handled: leave now. */
  forceExit(code: number): void;
  cwd?: string;
  /** How long close() may take before the CLI stops waiting for it. */
  closeTimeoutMs?: number;
}

export function topUsage(commands: readonly Command[], prefix: readonly string[] = []): string {
  const shown = commands.filter((c) => prefix.every((word, i) => c.words[i] === word));
  const width = Math.max(...shown.map((c) => c.words.join(" ").length));
  const lines = shown.map((c) => `  ${c.words.join(" ").padEnd(width)}  ${c.summary}`);
  const head = prefix.length === 0 ? "enclave <command>" : `enclave ${prefix.join(" ")} <command>`;
  return `Usage: ${head} [options]

Private, offline chat with local GGUF models.

Commands:
${lines.join("\n")}

Run 'enclave <command> --help' for a command's options.

${GLOBAL_OPTIONS_HELP}`;
}

export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const { io, commands } = deps;
  const errStyle = styleFor(io.stderr, io.env);

  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout.write(`${deps.version}\n`);
    return ExitCode.OK;
  }
  const isPrefix = (words: readonly string[]): boolean => commands.some((c) => words.every((word, i) => c.words[i] === word));
  const { words, rest } = takeCommandWords(argv, isPrefix);
  const command = commands.find((c) => c.words.length === words.length && c.words.every((word, i) => word === words[i]));
  const fail = (err: unknown): number => {
    const failure = describeFailure(err);
    io.stderr.write(`enclave: ${failure.message}\n`);
    if (failure.usage !== undefined && command !== undefined && failure.usage === command.usage) {
      // A mistake in a known command: its synopsis and where the rest is, not the whole help.
      io.stderr.write(`${failure.usage.split("\n")[0]}\nRun 'enclave ${command.words.join(" ")} --help' for all options.\n`);
    } else if (failure.usage !== undefined) io.stderr.write(`\n${failure.usage}\n`);
    return failure.exitCode;
  };
  const wantsHelp = rest.includes("--help") || rest.includes("-h");

  if (command === undefined) {
    const group = words.length > 0 && isPrefix(words) ? words : [];
    const usage = topUsage(commands, group);
    if (words.length > 0 && group.length === 0) return fail(new UsageError(`unknown command '${words.join(" ")}'`, usage));
    const next = rest.find((arg) => !arg.startsWith("-"));
    if (wantsHelp && next === undefined) {
      io.stdout.write(`${usage}\n`);
      return ExitCode.OK;
    }
    if (group.length > 0 && next !== undefined) return fail(new UsageError(`unknown command '${[...group, next].join(" ")}'`, usage));
    const unknown = rest.find((arg) => arg.startsWith("-") && !isGlobalOption(arg));
    return fail(new UsageError(unknown !== undefined ? `unknown option '${unknown}'` : "missing command", usage));
  }

  let client: Promise<EngineClient> | null = null;
  const controller = new AbortController();
  let interruptHandler: (() => void) | null = null;
  let interrupted = false;
  const removeSigint = deps.onSigint(() => {
    interrupted = true;
    if (interruptHandler !== null) interruptHandler();
    else if (!controller.signal.aborted) controller.abort();
    else deps.forceExit(ExitCode.ABORTED);
  });

  try {
    const args = parseCommandArgs(rest, command.options, command.usage);
    if (args.globals.help) {
      io.stdout.write(`${command.usage}\n`);
      return ExitCode.OK;
    }
    const env = io.env;
    const dataDir = resolveDataDir(args.globals.dataDir, { platform: process.platform, env, home: homedir(), cwd: deps.cwd ?? process.cwd() });
    const ctx: CommandContext = {
      args,
      io,
      cwd: deps.cwd ?? process.cwd(),
      style: { out: styleFor(io.stdout, env), err: errStyle },
      signal: controller.signal,
      engine() {
        client ??= startClient(deps, { dataDir, gpu: args.globals.cpu ? false : "auto" }, () => interrupted);
        return client;
      },
      onInterrupt(handler) {
        interruptHandler = handler;
        return () => {
          if (interruptHandler === handler) interruptHandler = null;
        };
      },
    };
    return (await command.run(ctx)) ?? ExitCode.OK;
  } catch (err) {
    // A terminal's Ctrl-C signals the whole process group, the engine included: the engine dying
    // right after the user pressed Ctrl-C is the cancellation they asked for, not a crash.
    if (interrupted && isEngineError(err, "ENGINE_CRASHED")) return fail(new EngineError("ABORTED", "Cancelled."));
    return fail(err);
  } finally {
    removeSigint();
    if (client !== null) await closeClient(client, deps.closeTimeoutMs ?? 10_000, io);
  }
}

function isGlobalOption(arg: string): boolean {
  const name = arg.replace(/^--?/, "").split("=")[0]!;
  return name in GLOBAL_OPTIONS || arg === "-h";
}

async function startClient(deps: CliDeps, options: EngineStartOptions, interrupted: () => boolean): Promise<EngineClient> {
  const client = await deps.startEngine(options);
  const style = styleFor(deps.io.stderr, deps.io.env);
  client.onNotice((notice) => {
    if (interrupted()) return; // the engine's restart after a Ctrl-C is not news
    if (notice.level === "info") {
      if (deps.io.stderr.isTTY === true) deps.io.stderr.write(`${style.dim(notice.message)}\n`);
    } else deps.io.stderr.write(`enclave: ${notice.level}: ${notice.message}\n`);
  });
  return client;
}

async function closeClient(client: Promise<EngineClient>, timeoutMs: number, io: CliIO): Promise<void> {
  const started = await client.catch(() => null);
  if (started === null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([started.close().then(() => "closed" as const), timeout]);
    if (outcome === "timeout") io.stderr.write(`enclave: the engine did not stop within ${timeoutMs / 1000} s\n`);
  } catch (err) {
    io.stderr.write(`enclave: closing the engine failed: ${describeFailure(err).message}\n`);
  } finally {
    clearTimeout(timer);
  }
}
