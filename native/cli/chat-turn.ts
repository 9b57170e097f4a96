// One chat turn as the CLI shows it: answer deltas to stdout as they arrive, thinking dimmed to
// stderr, and the `--json` result object built from the turn's stored statistics.
import type { EngineClient } from "../client/types.ts";
import type { ChatDeltaEvent } from "../contract/events.ts";
import type { LoadedModel } from "../contract/inference.ts";
import type { Message, Sampling, StopReason, TurnResult } from "../contract/conversations.ts";
import type { OutStream } from "./command.ts";
import type { Style } from "./output.ts";

export interface DeltaWriter {
  write(delta: Pick<ChatDeltaEvent, "kind" | "text">): void;
  /** Ends the answer on a fresh line. */
  end(): void;
  /** Whether any answer text was written. */
  readonly wroteText: boolean;
}

export function createDeltaWriter(out: OutStream, err: OutStream, errStyle: Style): DeltaWriter {
  let last: { stream: "out" | "err"; char: string } | null = null;
  let wroteText = false;
  return {
    write({ kind, text }) {
      if (text === "") return;
      const stream = kind === "thinking" ? "err" : "out";
      // Thinking and answer share a terminal: start the answer on its own line.
      if (last !== null && last.stream !== stream && last.char !== "\n") (last.stream === "out" ? out : err).write("\n");
      if (stream === "err") err.write(errStyle.dim(text));
      else {
        out.write(text);
        wroteText = true;
      }
      last = { stream, char: text.at(-1)! };
    },
    end() {
      if (last !== null && last.char !== "\n") (last.stream === "out" ? out : err).write("\n");
      last = null;
    },
    get wroteText() {
      return wroteText;
    },
  };
}

export type TurnRequest =
  | { kind: "send"; conversationId: string; text: string; sampling?: Sampling }
  | { kind: "regenerate"; conversationId: string; sampling?: Sampling };

/**
 * Runs one turn, streaming its deltas to `writer`. Aborting `signal` stops the answer; the engine
 * keeps the partial text and resolves with stopReason "aborted" (or rejects with ABORTED when
 * nothing was generated yet).
 */
export async function runTurn(client: EngineClient, request: TurnRequest, writer: DeltaWriter | null, signal: AbortSignal): Promise<TurnResult> {
  const options = {
    signal,
    onEvent: (event: string, payload: unknown) => {
      if (event === "chat.delta" && writer !== null) writer.write(payload as ChatDeltaEvent);
    },
  };
  const sampling = request.sampling === undefined ? {} : { sampling: request.sampling };
  try {
    const result =
      request.kind === "send"
        ? await client.call("chat.send", { conversationId: request.conversationId, text: request.text, ...sampling }, options)
        : await client.call("chat.regenerate", { conversationId: request.conversationId, ...sampling }, options);
    // An answer that arrived without deltas (nothing streamed) is still shown.
    if (writer !== null && !writer.wroteText && result.assistantMessage.text !== "") writer.write({ kind: "text", text: result.assistantMessage.text });
    return result;
  } finally {
    writer?.end();
  }
}

/** The one object `enclave chat --json` prints. */
export interface ChatJson {
  text: string;
  thinking: string;
  /** Tokens generated for the answer. */
  tokens: number | null;
  promptTokens: number | null;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  threads: number;
  stopReason: StopReason | null;
  model: { id: string; name: string; quant: string | null; path: string };
  conversationId: string;
  /** Only when LoRA adapters were applied (--lora). */
  lora?: { path: string; scale: number }[];
  /** Only with speculative decoding (--draft, --prompt-lookup): predictions accepted this answer. */
  speculative?: NonNullable<Message["stats"]>["speculative"];
}

export function chatJson(result: TurnResult, loaded: LoadedModel): ChatJson {
  const message = result.assistantMessage;
  const stats = message.stats;
  return {
    text: message.text,
    thinking: message.thinking ?? "",
    tokens: stats?.outputTokens ?? null,
    promptTokens: stats?.promptTokens ?? null,
    ttftMs: stats?.ttftMs ?? null,
    tokensPerSecond: stats?.tokensPerSecond ?? null,
    threads: stats?.threads ?? loaded.threads,
    stopReason: message.stopReason ?? null,
    model: { id: loaded.model.id, name: loaded.model.name ?? loaded.model.displayName, quant: loaded.model.quant, path: loaded.model.path },
    conversationId: result.conversationId,
    ...(loaded.lora.length > 0 && { lora: loaded.lora }),
    ...(stats?.speculative && { speculative: stats.speculative }),
  };
}

/** "8 tokens · 21.4 tok/s · first token 180 ms · 2 threads", plus why it stopped if not at the end. */
export function formatTurnStats(message: Message): string {
  const parts: string[] = [];
  const stats = message.stats;
  if (stats !== undefined) {
    parts.push(`${stats.outputTokens} token${stats.outputTokens === 1 ? "" : "s"}`);
    parts.push(`${stats.tokensPerSecond.toFixed(1)} tok/s`);
    parts.push(`first token ${Math.round(stats.ttftMs)} ms`);
    parts.push(`${stats.threads} thread${stats.threads === 1 ? "" : "s"}`);
    const spec = stats.speculative;
    if (spec) parts.push(`${spec.predictor} accepted ${spec.acceptanceRate === null ? "—" : `${Math.round(spec.acceptanceRate * 100)}%`} (${spec.validated}/${spec.validated + spec.refuted})`);
    if (stats.adapters?.length) parts.push(`LoRA ${stats.adapters.map((a) => `${a.name} ×${a.scale}`).join(", ")}`);
  }
  const reason = message.stopReason;
  if (reason !== undefined && reason !== "eos") parts.push(reason === "aborted" ? "stopped" : `stopped: ${reason}`);
  return parts.join(" · ");
}
