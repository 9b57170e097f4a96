// Which names refer to a model: API clients send a model "name" — the library id, the SHA-256, the
// path, the display name or the file name (with or without .gguf) all work.
import { basename } from "node:path";
import type { ModelEntry } from "../contract/models.ts";

export function modelNames(entry: ModelEntry): string[] {
  const file = basename(entry.path);
  return [entry.id, entry.sha256, entry.path, entry.displayName, entry.name, file, file.replace(/\.gguf$/i, "")].filter((n): n is string => !!n);
}

export function isModelNamed(entry: ModelEntry, ref: string): boolean {
  const wanted = ref.trim().toLowerCase();
  return modelNames(entry).some((name) => name.toLowerCase() === wanted);
}
