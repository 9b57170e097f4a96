export { Embedder, makeEmbedderId, type EmbedderOptions, type EmbedOptions } from "./embedder.ts";
