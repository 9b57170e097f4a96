// Reads what a GGUF file says about itself, and explains in plain words why a file cannot be used.
// The header is sanity-checked before node-llama-cpp parses it: a file claiming 2^40 tensors
// otherwise keeps the parser busy for minutes before it fails.
import type { GgufFileInfo, GgufInsights, Llama } from "node-llama-cpp";
import { importLlama } from "../inference/llama-module.ts";
import type { ModelEntry } from "../contract/models.ts";
import { parseSizeLabel } from "./grouping.ts";
import { quantFromFileName, quantLabel } from "./quant.ts";
import { GGUF_MAGIC, readHead } from "./scanner.ts";

/** Large arrays nobody needs for the library (and which take most of the parse time). */
const IGNORED_KEYS = ["tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"];
const EMBEDDING_ARCHITECTURES = new Set(["bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "modern-bert", "neo-bert", "t5encoder"]);
/** Smallest possible encodings: a tensor info (name length, n_dims, one dim, type, offset) and a key/value. */
const MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;
const MIN_KV_BYTES = 8 + 4 + 1;

export type ModelMeta = Pick<
  ModelEntry,
  "name" | "architecture" | "parameterCount" | "quant" | "contextLength" | "hasChatTemplate" | "license" | "kind" | "error"
> & {
  chatTemplate: string | null;
  /** Flattened metadata ("general.name" → value), big arrays summarised. */
  metadata: Record<string, unknown>;
};

export interface Analysis {
  meta: ModelMeta;
  /** Present when the header could be parsed (even if the file is otherwise unusable). */
  insights: GgufInsights | null;
}

const EMPTY_META: ModelMeta = {
  name: null,
  architecture: null,
  parameterCount: null,
  quant: null,
  contextLength: null,
  hasChatTemplate: false,
  license: null,
  kind: "model",
  error: null,
  chatTemplate: null,
  metadata: {},
};

/** Why a file that does not start with "GGUF" is not a model, recognising the usual suspects. */
export function describeForeignFile(head: Buffer): string {
  if (head.length === 0) return "the file is empty";
  const text = head.toString("latin1");
  if (/^(ggml|ggjt|ggmf|lmgg|fmgg|tjgg)/.test(text)) return "not a GGUF file: it is in the old GGML format, which llama.cpp no longer reads (convert it to GGUF)";
  if (text.startsWith("version https://git-lfs")) return "not a GGUF file: it is a Git LFS pointer, not the model itself (the download is incomplete)";
  if (/^\s*<(!doctype|html)/i.test(text)) return "not a GGUF file: it is a web page (a failed download?)";
  if (text.startsWith("PK\u0003\u0004")) return "not a GGUF file: it is a ZIP archive";
  if (head.length < 4) return "not a GGUF file: it is too short";
  return "not a GGUF file";
}

/** Checks magic, version and counts against the file size; returns a reason or null. */
export function checkHeader(head: Buffer, fileSize: number): string | null {
  if (head.length < 4 || head.toString("latin1", 0, 4) !== GGUF_MAGIC) return describeForeignFile(head);
  if (head.length < 24) return `file is truncated: ${fileSize} bytes cannot hold a GGUF header`;
  const version = head.readUInt32LE(4);
  if (version !== 2 && version !== 3) return `unsupported GGUF version ${version} (versions 2 and 3 are supported)`;
  const tensors = head.readBigUInt64LE(8);
  const kvs = head.readBigUInt64LE(16);
  if (tensors * BigInt(MIN_TENSOR_INFO_BYTES) > BigInt(fileSize) || kvs * BigInt(MIN_KV_BYTES) > BigInt(fileSize)) {
    return `the header is corrupt: it claims ${tensors} tensors and ${kvs} metadata entries, more than a ${fileSize}-byte file can hold`;
  }
  return null;
}

/** Turns a parser exception into a sentence; llama.cpp's own reason is added when it gave one. */
export function describeParseError(err: unknown, llamaReason?: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const base = err instanceof RangeError || /out of range|beyond|offset/i.test(message)
    ? `the header is corrupt or truncated: ${message}`
    : `the GGUF header could not be read: ${message}`;
  return llamaReason ? `${base} (llama.cpp: ${llamaReason})` : base;
}

export interface AnalyzeOptions {
  /** Without one (no usable llama.cpp binary) node-llama-cpp's backend-less instance is used. */
  llama?: Llama;
  sizeBytes: number;
  /** For the quant label of files without general.file_type. */
  fileName: string;
  /** llama.cpp's error lines logged since a time (from LlamaRuntime.logsSince). */
  llamaErrorsSince?: (sinceMs: number) => string[];
}

export async function analyzeGguf(path: string, options: AnalyzeOptions): Promise<Analysis> {
  const { sizeBytes, fileName } = options;
  const fail = (error: string, partial: Partial<ModelMeta> = {}): Analysis => ({
    meta: { ...EMPTY_META, quant: quantFromFileName(fileName), ...partial, error },
    insights: null,
  });
  let head: Buffer;
  try {
    head = await readHead(path, 24);
  } catch (err) {
    return fail(`cannot read the file: ${(err as Error).message}`);
  }
  const headerProblem = checkHeader(head, sizeBytes);
  if (headerProblem) return fail(headerProblem);

  const started = Date.now();
  let info: GgufFileInfo;
  try {
    info = await (await importLlama()).readGgufFileInfo(path, { logWarnings: false, ignoreKeys: IGNORED_KEYS, spliceSplitFiles: false });
  } catch (err) {
    return fail(describeParseError(err, llamaReason(options, started)));
  }
  let insights: GgufInsights;
  try {
    insights = await (await importLlama()).GgufInsights.from(info, options.llama);
  } catch (err) {
    return fail(describeParseError(err, llamaReason(options, started)));
  }
  const meta = describeInfo(info, insights, fileName);

  const tensorCount = Number(info.tensorCount);
  if (tensorCount === 0 && meta.kind !== "adapter") {
    // (Its header "ends" after alignment padding that a file without tensors need not have.)
    meta.error = "the file has no weights (a vocabulary-only GGUF): it cannot be loaded as a model";
  } else if (info.infoEndOffset !== undefined && info.infoEndOffset > sizeBytes) {
    meta.error = `file is truncated: its header alone needs ${info.infoEndOffset} bytes, the file has ${sizeBytes}`;
  } else if (info.infoEndOffset !== undefined && info.splicedParts === 1 && info.infoEndOffset + insights.modelSize > sizeBytes) {
    const expected = info.infoEndOffset + insights.modelSize;
    meta.error = `file is truncated: ${sizeBytes} of ${expected} bytes present (${Math.floor((sizeBytes / expected) * 100)}%) — an interrupted copy or download?`;
  } else if (meta.kind !== "adapter") {
    // Let llama.cpp itself look at the file (a dry run that allocates nothing): an unknown
    // architecture or a missing tensor is reported now, not when the user tries to load it.
    const checkStart = Date.now();
    await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 }).catch(() => undefined);
    const reason = llamaReason(options, checkStart);
    if (reason) meta.error = `llama.cpp cannot load this file: ${reason}`;
  }
  return { meta, insights };
}

/**
 * llama.cpp logs the specific reason first ("llama_model_load: error loading model: missing tensor
 * 'x'") and a generic "failed to load model" last: the first line is the one worth showing.
 */
function llamaReason(options: AnalyzeOptions, sinceMs: number): string | undefined {
  const lines = options.llamaErrorsSince?.(sinceMs) ?? [];
  const line = lines.find((l) => /error loading model/.test(l)) ?? lines[0];
  return line?.trim().replace(/^[a-z_]+: (error loading model: )?/, "");
}

function describeInfo(info: GgufFileInfo, insights: GgufInsights, fileName: string): ModelMeta {
  const metadata = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const general = (metadata.general ?? {}) as Record<string, unknown>;
  const tokenizer = (metadata.tokenizer ?? {}) as Record<string, unknown>;
  const architecture = typeof general.architecture === "string" ? general.architecture : null;
  const archMeta = (info.architectureMetadata ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
  const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "bigint" ? Number(v) : null);

  const parameterCount =
    num(general.parameter_count) ??
    (Number(info.tensorCount) > 0 ? insights.totalParameters || null : null) ??
    parseSizeLabel(str(general.size_label));
  const poolingType = num(archMeta.pooling_type);
  const kind: ModelMeta["kind"] =
    general.type === "adapter" ? "adapter" : (poolingType !== null && poolingType > 0) || (architecture !== null && EMBEDDING_ARCHITECTURES.has(architecture)) ? "embedding" : "model";
  const chatTemplate = str(tokenizer.chat_template);
  return {
    name: str(general.name),
    architecture,
    parameterCount,
    quant: quantLabel(num(general.file_type)) ?? quantFromFileName(fileName),
    contextLength: insights.trainContextSize ?? num(archMeta.context_length),
    hasChatTemplate: chatTemplate !== null,
    chatTemplate,
    license: str(general.license) ?? str(general["license.name"]),
    kind,
    error: null,
    metadata: flattenMetadata(info.metadata as unknown as Record<string, unknown>),
  };
}

/** {"general": {"name": "x"}} → {"general.name": "x"}; bigints as numbers, long arrays summarised. */
export function flattenMetadata(value: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, item] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof item === "bigint") out[path] = Number.isSafeInteger(Number(item)) ? Number(item) : item.toString();
    else if (Array.isArray(item)) out[path] = item.length > 32 ? `[${item.length} items]` : item.map((v) => (typeof v === "bigint" ? Number(v) : v));
    else if (item !== null && typeof item === "object") flattenMetadata(item as Record<string, unknown>, path, out);
    else out[path] = item;
  }
  return out;
}
