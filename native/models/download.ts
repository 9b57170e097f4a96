// Downloads by `hf:` URI or http(s) URL through node-llama-cpp's downloader (resumable: its
// `.ipull` temp file survives a cancel). Guards around it, because node-llama-cpp alone can hang
// for minutes offline and resolves (not rejects) after an abort:
// - refuse at once when the app is set offline;
// - probe the host (3 s) before starting, so an unreachable host fails fast with a clear code;
// - after `download()` check the signal and that the file exists;
// - verify the SHA-256 when one was given, deleting the file on mismatch.
import type { ModelDownloadEndpoints } from "node-llama-cpp";
import { importLlama } from "../inference/llama-module.ts";
import { existsSync } from "node:fs";
import { mkdir, unlink } from "node:fs/promises";
import { EngineError } from "../contract/errors.ts";
import { sha256File, type HashProgress } from "./hash.ts";
import { checkDownloadedFile, checkDownloadSource } from "./download-policy.ts";

export const REACHABILITY_TIMEOUT_MS = 3000;

export interface DownloadProgress {
  current: number;
  total: number;
  etaMs: number | undefined;
}

export interface DownloadOptions {
  uri: string;
  sha256?: string;
  dir: string;
  signal?: AbortSignal;
  isOffline?: () => boolean | Promise<boolean>;
  endpoints?: ModelDownloadEndpoints;
  onProgress?: (p: DownloadProgress) => void;
  onVerifyProgress?: (p: HashProgress) => void;
  reachabilityTimeoutMs?: number;
}

export interface DownloadResult {
  path: string;
  sha256: string | null;
}

const HF_PREFIXES = ["hf://", "huggingface://", "hf:", "huggingface:", "hf.co/", "huggingface.co/"];

export function isHuggingFaceUri(uri: string): boolean {
  return HF_PREFIXES.some((p) => uri.startsWith(p));
}

function huggingFaceEndpoint(endpoints?: ModelDownloadEndpoints): string {
  const candidates = [endpoints?.huggingFace, process.env.MODEL_ENDPOINT, process.env.HF_ENDPOINT];
  for (const c of candidates) if (c && /^https?:\/\//.test(c)) return c.endsWith("/") ? c : `${c}/`;
  return "https://huggingface.co/";
}

/** The URL whose host must answer before a download can start; throws INVALID_INPUT for other schemes. */
export function probeUrlFor(uri: string, endpoints?: ModelDownloadEndpoints): URL {
  if (isHuggingFaceUri(uri)) return new URL(huggingFaceEndpoint(endpoints));
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new EngineError("INVALID_INPUT", `"${uri}" is neither an hf: URI nor an http(s) URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new EngineError("INVALID_INPUT", `Only hf:, https: and http: downloads are supported, not ${url.protocol}`);
  }
  return url;
}

const OFFLINE_CODES = new Set(["OFFLINE", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * A HEAD request with a short timeout. Any HTTP answer means the host is reachable; 404/410 on a
 * plain URL means the file is not there. Name resolution and routing failures mean offline.
 */
export async function checkReachable(url: URL, options: { timeoutMs: number; signal?: AbortSignal; fileUrl: boolean }): Promise<void> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let status: number;
  try {
    const res = await fetch(url, { method: "HEAD", redirect: "manual", signal });
    status = res.status;
    await res.body?.cancel().catch(() => undefined);
  } catch (err) {
    if (options.signal?.aborted) throw new EngineError("ABORTED", "Download cancelled.");
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    if (timeout.aborted) {
      throw new EngineError("OFFLINE", `${url.host} did not answer within ${options.timeoutMs / 1000} s: is this computer offline?`, { host: url.host });
    }
    if (code && OFFLINE_CODES.has(code)) {
      throw new EngineError("OFFLINE", `${url.host} cannot be reached (${code}): is this computer offline?`, { host: url.host, code });
    }
    throw new EngineError("DOWNLOAD_FAILED", `${url.host} cannot be reached: ${cause?.message ?? (err as Error).message}`, { host: url.host, code });
  }
  if (options.fileUrl && (status === 404 || status === 410)) {
    throw new EngineError("DOWNLOAD_FAILED", `The server has no file at ${url.href} (HTTP ${status}).`, { status });
  }
}

export async function downloadGguf(options: DownloadOptions): Promise<DownloadResult> {
  const { uri, dir, signal } = options;
  if (await options.isOffline?.()) {
    throw new EngineError("OFFLINE", "Downloads are off: Enclave is set to work offline.");
  }
  const probeUrl = probeUrlFor(uri, options.endpoints);
  checkDownloadSource(uri, options.sha256);
  if (signal?.aborted) throw new EngineError("ABORTED", "Download cancelled.");
  await checkReachable(probeUrl, { timeoutMs: options.reachabilityTimeoutMs ?? REACHABILITY_TIMEOUT_MS, signal, fileUrl: !isHuggingFaceUri(uri) });
  await mkdir(dir, { recursive: true });

  const { createModelDownloader } = await importLlama();
  const downloaderPromise = createModelDownloader({
    modelUri: uri,
    dirPath: dir,
    skipExisting: true,
    deleteTempFileOnCancel: false,
    parallelDownloads: 2,
    endpoints: options.endpoints,
    onProgress: (s) => options.onProgress?.({
      current: s.downloadedSize,
      total: s.totalSize,
      etaMs: Number.isFinite(s.estimatedTimeLeft) ? Math.round(s.estimatedTimeLeft) : undefined,
    }),
  });
  let downloader: Awaited<typeof downloaderPromise>;
  try {
    downloader = await raceAbort(downloaderPromise, signal);
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError("DOWNLOAD_FAILED", `Cannot start the download of ${uri}: ${(err as Error).message}`, undefined, { cause: err });
  }

  // node-llama-cpp (ipull) can leave `download()` pending for good after a cancel when the server
  // stalls, so the signal is raced here: cancel (keeping the temp file for a resume), give the
  // downloader a moment to settle, and answer ABORTED either way.
  const settled = downloader.download({ signal }).then(
    (path) => ({ ok: true as const, path }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const abortedFirst = signal ? onceAborted(signal).then(() => null) : new Promise<null>(() => undefined);
  const outcome = await Promise.race([settled, abortedFirst]);
  if (outcome === null || signal?.aborted) {
    await withTimeout(downloader.cancel({ deleteTempFile: false }).catch(() => undefined), 5000);
    await withTimeout(settled, 2000);
    throw new EngineError("ABORTED", "Download cancelled; it resumes where it stopped when started again.");
  }
  if (!outcome.ok) {
    const err = outcome.error;
    throw new EngineError("DOWNLOAD_FAILED", `Download of ${uri} failed: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
  }
  const path = outcome.path;
  if (!existsSync(path)) throw new EngineError("DOWNLOAD_FAILED", `Download of ${uri} ended without a file.`);
  await checkDownloadedFile(path, dir);

  let sha256: string | null = null;
  if (options.sha256) {
    sha256 = await sha256File(path, { signal, onProgress: options.onVerifyProgress });
    if (sha256 !== options.sha256.toLowerCase()) {
      await unlink(path).catch(() => undefined);
      throw new EngineError("DOWNLOAD_FAILED", `The downloaded file's SHA-256 is ${sha256}, not the expected ${options.sha256.toLowerCase()}; it was deleted.`, {
        expected: options.sha256.toLowerCase(),
        actual: sha256,
      });
    }
  }
  return { path, sha256 };
}

function onceAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** Waits for `promise`, but no longer than `ms`. */
async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Rejects with ABORTED as soon as `signal` fires; the raced promise is left to settle on its own. */
function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new EngineError("ABORTED", "Download cancelled."));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new EngineError("ABORTED", "Download cancelled."));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
