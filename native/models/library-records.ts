// A library entry as the library keeps it: the contract's ModelEntry plus the file's real path (the
// key a file found twice, through a link or two folders, is known by), and how one is made.
import { createHash } from "node:crypto";
import { resolve as resolvePath } from "node:path";
import type { ModelEntry } from "../contract/models.ts";
import { groupKey } from "./grouping.ts";
import type { Sha256Cache } from "./hash.ts";
import type { Analysis } from "./metadata.ts";
import type { FoundFile } from "./scanner.ts";

export interface LibraryRecord {
  entry: ModelEntry;
  realPath: string;
}

/** Stable id of a file on this machine: the first 16 hex of sha256(absolute path). */
export function modelId(path: string): string {
  return createHash("sha256").update(resolvePath(path)).digest("hex").slice(0, 16);
}

export type AnalyzeFile = (realPath: string, sizeBytes: number, mtimeMs: number, fileName: string) => Promise<Analysis>;

/** The record of a found file: its metadata (analyzed or cached) and its hash when already known. */
export async function recordFor(file: FoundFile, analyze: AnalyzeFile, hashes: Sha256Cache): Promise<LibraryRecord> {
  const analysis = await analyze(file.realPath, file.sizeBytes, file.mtimeMs, file.displayName);
  const sha256 = file.knownSha256 ?? (await hashes.get(file.realPath, file.sizeBytes, file.mtimeMs));
  const { meta } = analysis;
  const entry: ModelEntry = {
    id: modelId(file.path),
    path: file.path,
    displayName: file.displayName,
    source: file.source,
    sizeBytes: file.sizeBytes,
    mtimeMs: file.mtimeMs,
    sha256,
    name: meta.name,
    architecture: meta.architecture,
    parameterCount: meta.parameterCount,
    quant: meta.quant,
    contextLength: meta.contextLength,
    hasChatTemplate: meta.hasChatTemplate,
    license: meta.license,
    groupKey: groupKey({ name: meta.name, fileName: file.displayName, architecture: meta.architecture, parameterCount: meta.parameterCount }),
    kind: meta.kind,
    error: meta.error,
  };
  return { entry, realPath: file.realPath };
}
