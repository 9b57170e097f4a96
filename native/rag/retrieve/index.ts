export { Retriever, type QueryEmbedder, type SearchOptions, type SearchResult } from "./retriever.ts";
export { CrossEncoder, type CrossEncoderOptions } from "./cross-encoder.ts";
export { highlight, queryTerms, type Highlight } from "./highlight.ts";
