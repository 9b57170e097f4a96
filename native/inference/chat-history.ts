// Conversation messages → node-llama-cpp chat history. Thinking is not fed back to the model (as
// chat templates of reasoning models expect); an interrupted answer is fed back as far as it got.
import type { ChatHistoryItem } from "node-llama-cpp";
import type { Message } from "../contract/conversations.ts";

export function toChatHistory(systemPrompt: string, messages: readonly Message[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  if (systemPrompt.trim()) history.push({ type: "system", text: systemPrompt });
  for (const message of messages) {
    if (message.role === "user") history.push({ type: "user", text: message.text });
    else history.push({ type: "model", response: [message.text] });
  }
  return history;
}
