// Ollama keeps models as content-addressed blobs (`blobs/sha256-<hex>`) named only through its
// manifests (`manifests/<registry>/<namespace>/<model>/<tag>`, JSON). The blob name is its SHA-256.
import { readdir, readFile, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import { join, relative, sep } from "node:path";

export const OLLAMA_MODEL_MEDIA_TYPE = "application/vnd.ollama.image.model";
export const OLLAMA_ADAPTER_MEDIA_TYPE = "application/vnd.ollama.image.adapter";

export interface OllamaLayerRef {
  /** Lower-case hex SHA-256 (the digest without its "sha256:" prefix). */
  sha256: string;
  size: number | null;
  kind: "model" | "adapter";
}

/** The model (and adapter) layers of a manifest; throws with a readable reason when it is not one. */
export function parseOllamaManifest(text: string): OllamaLayerRef[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error("not valid JSON");
  }
  const layers = (doc as { layers?: unknown } | null)?.layers;
  if (!Array.isArray(layers)) throw new Error("no layers list");
  const refs: OllamaLayerRef[] = [];
  for (const layer of layers as { mediaType?: unknown; digest?: unknown; size?: unknown }[]) {
    const kind = layer?.mediaType === OLLAMA_MODEL_MEDIA_TYPE ? "model" : layer?.mediaType === OLLAMA_ADAPTER_MEDIA_TYPE ? "adapter" : null;
    if (!kind) continue;
    const match = typeof layer.digest === "string" ? /^sha256[:-]([0-9a-f]{64})$/i.exec(layer.digest) : null;
    if (!match) throw new Error(`layer digest ${JSON.stringify(layer.digest)} is not a sha256 digest`);
    refs.push({ sha256: match[1]!.toLowerCase(), size: typeof layer.size === "number" ? layer.size : null, kind });
  }
  return refs;
}

/**
 * "registry.ollama.ai/library/llama3/8b" → "llama3:8b"; other namespaces keep theirs
 * ("registry.ollama.ai/me/tiny/latest" → "me/tiny:latest"), other registries their host.
 */
export function ollamaDisplayName(manifestRelPath: string): string {
  const parts = manifestRelPath.split(/[\\/]/).filter(Boolean);
  if (parts.length < 2) return parts.join("/");
  const tag = parts.at(-1)!;
  const [host, ...rest] = parts.slice(0, -1);
  if (host === "registry.ollama.ai" && rest[0] === "library") rest.shift();
  const name = host === "registry.ollama.ai" ? rest.join("/") : [host, ...rest].join("/");
  return `${name}:${tag}`;
}

export function ollamaBlobPath(root: string, sha256: string): string {
  return join(root, "blobs", `sha256-${sha256}`);
}

/** `sha256-<hex>` blob file name → the hex digest; null for anything else. */
export function digestFromBlobName(fileName: string): string | null {
  const match = /^sha256[-:]([0-9a-f]{64})$/i.exec(fileName);
  return match ? match[1]!.toLowerCase() : null;
}

export interface OllamaModelFile {
  path: string;
  displayName: string;
  sha256: string;
  kind: "model" | "adapter";
}

/** Every model blob the manifests under `root` name, first name wins for blobs with several tags. */
export async function scanOllama(root: string, onError: (path: string, message: string) => void): Promise<OllamaModelFile[]> {
  const manifestsDir = join(root, "manifests");
  const manifests: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let names: Dirent[];
    try {
      names = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") onError(dir, describeFsError(err));
      return;
    }
    for (const d of names.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, d.name);
      if (d.isDirectory() && depth < 6) await walk(path, depth + 1);
      else if (d.isFile()) manifests.push(path);
    }
  };
  await walk(manifestsDir, 0);
  const seen = new Set<string>();
  const out: OllamaModelFile[] = [];
  for (const manifest of manifests) {
    let layers: OllamaLayerRef[];
    try {
      layers = parseOllamaManifest(await readFile(manifest, "utf8"));
    } catch (err) {
      onError(manifest, `Ollama manifest could not be read: ${(err as Error).message}`);
      continue;
    }
    const displayName = ollamaDisplayName(relative(manifestsDir, manifest).split(sep).join("/"));
    for (const layer of layers) {
      if (seen.has(layer.sha256)) continue;
      const path = ollamaBlobPath(root, layer.sha256);
      try {
        await stat(path);
      } catch (err) {
        onError(path, `Ollama model ${displayName}: ${describeFsError(err)}`);
        continue;
      }
      seen.add(layer.sha256);
      out.push({ path, displayName: layer.kind === "adapter" ? `${displayName} (adapter)` : displayName, sha256: layer.sha256, kind: layer.kind });
    }
  }
  return out;
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOENT") return "missing";
  if (code === "ENOTDIR") return "not a folder";
  if (code === "ELOOP") return "too many symbolic links";
  return (err as Error).message;
}
