// Messages as an API caller sends them (system / user / assistant with tool calls / tool results)
// mapped to node-llama-cpp's chat history: an assistant's tool calls and the tool messages that
// answer them become function-call items of one model response, as the chat wrappers expect.
import type { ChatHistoryItem, ChatModelFunctionCall } from "node-llama-cpp";
import type { CompletionMessage } from "../contract/completions.ts";
import { EngineError } from "../contract/errors.ts";

export function toStatelessHistory(messages: readonly CompletionMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const results = new Map(messages.filter((m) => m.role === "tool").map((m) => [m.toolCallId ?? "", m.content]));
  for (const message of messages) {
    if (message.role === "system") history.push({ type: "system", text: message.content });
    else if (message.role === "user") history.push({ type: "user", text: message.content });
    else if (message.role === "assistant") {
      const calls: ChatModelFunctionCall[] = (message.toolCalls ?? []).map((call) => ({
        type: "functionCall",
        name: call.name,
        params: parseArguments(call.arguments, call.name),
        result: parseResult(results.get(call.id)),
      }));
      history.push({ type: "model", response: [...(message.content ? [message.content] : []), ...calls] });
    } else if (!message.toolCallId || !messages.some((m) => m.toolCalls?.some((c) => c.id === message.toolCallId))) {
      throw new EngineError("INVALID_INPUT", "A tool message must answer a tool call of an earlier assistant message (tool_call_id).");
    }
  }
  // The model answers after the last item: an empty response to fill, unless the caller prefilled one.
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}

function parseArguments(text: string, name: string): unknown {
  try {
    return JSON.parse(text || "{}");
  } catch {
    throw new EngineError("INVALID_INPUT", `The arguments of the tool call to "${name}" are not JSON.`);
  }
}

function parseResult(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
