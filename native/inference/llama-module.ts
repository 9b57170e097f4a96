// node-llama-cpp, imported on first use rather than at engine start. The package and what it pulls
// in (its downloader, terminal helpers) are some 350 modules, about 0.4 s on an idle 2-core machine;
// a command that loads no model (`enclave engine info`, settings, search) should not pay for them.
// Only `import type` from "node-llama-cpp" elsewhere in the engine: values come from here.
import type * as NodeLlamaCpp from "node-llama-cpp";

export type LlamaModule = typeof NodeLlamaCpp;

let loaded: LlamaModule | undefined;
let loading: Promise<LlamaModule> | undefined;

/** The module, importing it the first time. */
export function importLlama(): Promise<LlamaModule> {
  loading ??= import("node-llama-cpp").then((m) => (loaded = m));
  return loading;
}

/**
 * The module, for code that runs only once a model or GGUF file was opened — which imported it.
 * Throws (a programming error, not a user's) when called before.
 */
export function llamaLoaded(): LlamaModule {
  if (!loaded) throw new Error("node-llama-cpp was used before it was imported: await importLlama() first");
  return loaded;
}

/** The module if something already imported it, else undefined (for checks that need no import). */
export function llamaIfLoaded(): LlamaModule | undefined {
  return loaded;
}
