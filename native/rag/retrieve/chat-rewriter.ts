// A Generate (multi-query.ts) backed by a loaded chat model, on a context of its own: the user's
// chat session and its history are never touched. The context lives for one rewrite and is
// disposed after it, so its memory is only held while a search is being rewritten.
import type { LlamaModel } from "node-llama-cpp";
import { llamaLoaded } from "../../inference/llama-module.ts";
import type { Generate } from "./multi-query.ts";

export function chatModelGenerate(model: LlamaModel, options: { contextSize?: number; threads?: number } = {}): Generate {
  return async (prompt, { maxTokens, signal }) => {
    const context = await model.createContext({ contextSize: options.contextSize ?? 1024, ...(options.threads ? { threads: options.threads } : {}) });
    try {
      const session = new (llamaLoaded().LlamaChatSession)({ contextSequence: context.getSequence() });
      return await session.prompt(prompt, { maxTokens, temperature: 0, ...(signal && { signal, stopOnAbortSignal: true }) });
    } finally {
      await context.dispose();
    }
  };
}
