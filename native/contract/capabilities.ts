// What a front-end session (an Electron window, a browser tab) may ask for, declared beside the
// contract so every host enforces the same rules in its bridge session (native/bridge/session.ts):
// - host-only settings: keys only the host process may set (where files land, where data lives),
//   never a renderer: a page that could point `downloadDir` at ~/.config/autostart could plant files;
// - path arguments: which inputs of which methods name files or folders on this computer, so a
//   session restricted to some folders (a browser tab: its uploads and the folders the user gave the
//   host) is checked on every one of them.
import type { Settings } from "./settings.ts";

export const HOST_ONLY_SETTINGS = ["downloadDir"] as const satisfies readonly (keyof Settings)[];
export type HostOnlySetting = (typeof HOST_ONLY_SETTINGS)[number];

/** Methods only the host process calls, never a window: `apiServer.attach` hands the API server its
 *  bearer token (from the OS keychain), so a page that could call it could choose the token;
 *  `audit.recordApiRequest` comes from a CLI-hosted API server, and a page must not forge records;
 *  `remote.attachKeys` hands over the remote models' keys and would let a page read the filed ones. */
export const HOST_ONLY_METHODS = ["apiServer.attach", "audit.recordApiRequest", "remote.attachKeys"] as const;

export function isHostOnlyMethod(method: string): boolean {
  return (HOST_ONLY_METHODS as readonly string[]).includes(method);
}

/** The host-only keys an input to `settings.update` tries to set (present and not undefined). */
export function hostOnlySettingsIn(input: unknown): HostOnlySetting[] {
  if (input === null || typeof input !== "object") return [];
  return HOST_ONLY_SETTINGS.filter((key) => (input as Record<string, unknown>)[key] !== undefined);
}

/** A model reference that names a library entry rather than a file: its id (16 hex) or SHA-256 (64 hex). */
function isLibraryKey(ref: string): boolean {
  return /^([0-9a-f]{16}|[0-9a-f]{64})$/i.test(ref.trim());
}

function str(value: unknown): string[] {
  return typeof value === "string" ? [value] : [];
}

function modelRef(value: unknown): string[] {
  return typeof value === "string" && !isLibraryKey(value) ? [value] : [];
}

type Extractor = (input: Record<string, unknown>) => string[];

/** Per method, the file-system paths its input names. Methods not listed name none. */
const PATH_ARGUMENTS: Readonly<Record<string, Extractor>> = {
  "rag.ingest": (i) => (Array.isArray(i.paths) ? i.paths.filter((p): p is string => typeof p === "string") : []),
  "models.addFolder": (i) => str(i.path),
  "models.inspect": (i) => modelRef(i.model),
  "models.hash": (i) => modelRef(i.model),
  "inference.load": (i) => [
    ...modelRef(i.model),
    ...(Array.isArray(i.lora) ? i.lora.flatMap((l: unknown) => str((l as { path?: unknown } | null)?.path)) : []),
  ],
  "settings.update": (i) => [...modelRef(i.embeddingModel), ...modelRef(i.rerankerModel)],
  "completions.chat": (i) => modelRef(i.model),
  "completions.text": (i) => modelRef(i.model),
  "embeddings.create": (i) => modelRef(i.model),
};

/** The paths `input` names for `method` (before any schema check: anything not a string is ignored). */
export function pathArguments(method: string, input: unknown): string[] {
  const extract = Object.hasOwn(PATH_ARGUMENTS, method) ? PATH_ARGUMENTS[method] : undefined;
  if (!extract || input === null || typeof input !== "object") return [];
  return extract(input as Record<string, unknown>);
}
