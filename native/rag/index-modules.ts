// The modules that load LanceDB (and apache-arrow under it), imported on first use of the document
// index instead of at engine start: loading them costs about half a second that a command which
// never touches documents (`enclave engine info`, a plain chat) should not pay. Everything else
// refers to them by type only.
import type { RagStore } from "./index/store.ts";
import type { Retriever } from "./retrieve/retriever.ts";

export interface IndexModules {
  RagStore: typeof RagStore;
  Retriever: typeof Retriever;
}

let loading: Promise<IndexModules> | undefined;

export function loadIndexModules(): Promise<IndexModules> {
  loading ??= Promise.all([import("./index/store.ts"), import("./retrieve/retriever.ts")]).then(([store, retriever]) => ({
    RagStore: store.RagStore,
    Retriever: retriever.Retriever,
  }));
  return loading;
}
