// The interactive chat: a readline loop that streams each answer. Ctrl-C during an answer stops
// that answer (the engine keeps the partial text); Ctrl-C on an empty prompt, Ctrl-D or /exit
// leaves. With stdin not a terminal, each input line is one turn and end of input leaves.
import { createInterface } from "node:readline";
import type { EngineClient } from "../client/types.ts";
import { isEngineError } from "../contract/errors.ts";
import type { Sampling } from "../contract/conversations.ts";
import type { CommandContext } from "./command.ts";
import { createDeltaWriter, formatTurnStats, runTurn, type TurnRequest } from "./chat-turn.ts";
import { describeFailure } from "../host/exit-codes.ts";

export const REPL_HELP = `Commands:
  /new     start a new conversation
  /regen   answer the last message again
  /help    show this list
  /exit    leave (also Ctrl-D, or Ctrl-C on an empty line)
Ctrl-C while an answer streams stops that answer and keeps what was written.`;

export interface ReplOptions {
  conversationId: string;
  sampling: Sampling | undefined;
  /** Starts a fresh conversation with the same system prompt and sampling; returns its id. */
  newConversation(): Promise<string>;
}

export async function runRepl(ctx: CommandContext, client: EngineClient, options: ReplOptions): Promise<void> {
  const { stdin, stdout, stderr } = ctx.io;
  const terminal = stdin.isTTY === true && stdout.isTTY === true;
  const rl = createInterface({ input: stdin, output: terminal ? stdout : undefined, terminal, prompt: ctx.style.out.bold("> ") });
  const dim = ctx.style.err.dim;
  const note = (text: string): void => {
    stderr.write(`${dim(text)}\n`);
  };

  const queue: string[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  rl.on("line", (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on("close", () => {
    closed = true;
    wake?.();
  });
  const nextLine = async (): Promise<string | null> => {
    for (;;) {
      if (queue.length > 0) return queue.shift()!;
      if (closed) return null;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };

  let answering: AbortController | null = null;
  const interrupt = (): void => {
    if (answering !== null) answering.abort();
    else if (rl.line === "") {
      if (terminal) stdout.write("\n");
      rl.close();
    } else {
      // Ctrl-C on a line being typed: drop the line, as shells do.
      rl.write(null, { ctrl: true, name: "e" });
      rl.write(null, { ctrl: true, name: "u" });
    }
  };
  rl.on("SIGINT", interrupt); // a terminal in raw mode: Ctrl-C arrives as a key
  const releaseInterrupt = ctx.onInterrupt(interrupt); // piped stdin: Ctrl-C arrives as a signal

  let conversationId = options.conversationId;
  const turn = async (request: TurnRequest): Promise<void> => {
    answering = new AbortController();
    const writer = createDeltaWriter(stdout, stderr, ctx.style.err);
    try {
      const result = await runTurn(client, request, writer, answering.signal);
      const stats = formatTurnStats(result.assistantMessage);
      if (result.assistantMessage.stopReason === "error") stderr.write(`enclave: ${result.assistantMessage.error ?? "the answer failed"}\n`);
      if (stats !== "" && stderr.isTTY === true) note(stats);
    } catch (err) {
      if (isEngineError(err, "ABORTED")) note("stopped");
      else if (isEngineError(err, "ENGINE_UNAVAILABLE")) throw err;
      else stderr.write(`enclave: ${describeFailure(err).message}\n`);
    } finally {
      answering = null;
    }
  };

  try {
    if (terminal) {
      note(`Type a message, /help for commands, Ctrl-D to leave.`);
      rl.prompt();
    }
    for (let line = await nextLine(); line !== null; line = await nextLine()) {
      const text = line.trim();
      if (text === "/exit" || text === "/quit") break;
      if (text === "/new") {
        conversationId = await options.newConversation();
        note("New conversation.");
      } else if (text === "/regen") {
        await turn({ kind: "regenerate", conversationId, ...(options.sampling && { sampling: options.sampling }) });
      } else if (text === "/help" || text === "/?") {
        stderr.write(`${REPL_HELP}\n`);
      } else if (/^\/\w+$/.test(text)) {
        stderr.write(`enclave: unknown command '${text}' (try /help)\n`);
      } else if (text !== "") {
        await turn({ kind: "send", conversationId, text: line, ...(options.sampling && { sampling: options.sampling }) });
      }
      if (terminal && !closed) rl.prompt();
    }
  } finally {
    releaseInterrupt();
    rl.close();
  }
}
