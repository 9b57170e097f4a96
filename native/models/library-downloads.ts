// A download into the library's download folder: fetched (resumable, verified when a SHA-256 is
// given), its hash remembered, and described as a found file for the library to add.
import { realpath, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { ModelDownloadEndpoints } from "node-llama-cpp";
import { downloadGguf, type DownloadProgress } from "./download.ts";
import type { HashProgress, Sha256Cache } from "./hash.ts";
import type { FoundFile } from "./scanner.ts";

export interface DownloadInput {
  uri: string;
  sha256?: string;
}

export interface DownloadCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  onVerifyProgress?: (p: HashProgress) => void;
}

export interface DownloadSetup {
  dir: string;
  signal: AbortSignal;
  hashes: Sha256Cache;
  isOffline?: () => boolean | Promise<boolean>;
  endpoints?: ModelDownloadEndpoints;
  reachabilityTimeoutMs?: number;
}

export async function downloadToLibrary(input: DownloadInput, options: DownloadCallOptions, setup: DownloadSetup): Promise<FoundFile> {
  const result = await downloadGguf({
    uri: input.uri,
    sha256: input.sha256,
    dir: setup.dir,
    signal: setup.signal,
    isOffline: setup.isOffline,
    endpoints: setup.endpoints,
    reachabilityTimeoutMs: setup.reachabilityTimeoutMs,
    onProgress: options.onProgress,
    onVerifyProgress: options.onVerifyProgress,
  });
  const st = await stat(result.path);
  if (result.sha256) await setup.hashes.set(await realpath(result.path), st.size, st.mtimeMs, result.sha256);
  return {
    path: result.path,
    realPath: await realpath(result.path),
    source: "download",
    displayName: basename(result.path),
    sizeBytes: st.size,
    mtimeMs: st.mtimeMs,
    knownSha256: null,
  };
}
