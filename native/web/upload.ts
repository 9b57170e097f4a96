// POST /upload?name=<file name>: how a browser hands the engine a dropped or picked file. The body is
// streamed (never held in memory) to <dataDir>/uploads/<uuid>/<name>, one fresh folder per upload so
// two files of the same name never collide, and the path is returned for rag.ingest to read.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sendJsonError, sendPlain } from "./security.ts";
import { mkdirPrivate, PRIVATE_FILE_MODE } from "../util/private-fs.ts";
import type { UploadQuota } from "./upload-quota.ts";

export const DEFAULT_UPLOAD_LIMIT = 2 * 1024 ** 3;
const MAX_NAME_BYTES = 255;

export class UploadRefused extends Error {
  constructor(readonly status: number, readonly code: "INVALID_INPUT" | "PERMISSION_DENIED" | "BUSY" | "DISK_FULL", message: string) {
    super(message);
  }
}

/**
 * Checks a client-chosen file name. Anything that could leave the upload folder (separators, `.`,
 * `..`) or confuse a file system (control characters, over-long names) is refused rather than
 * rewritten, so the user sees why; characters Windows forbids are replaced, as they only matter there.
 */
export function sanitiseUploadName(name: string | null): string {
  if (name === null || name.trim() === "") throw new UploadRefused(400, "INVALID_INPUT", "Upload needs a file name: POST /upload?name=<file name>.");
  if (name === "." || name === ".." || /[/\\]/.test(name)) throw new UploadRefused(400, "INVALID_INPUT", `Refused file name "${name}": it must be a plain name, without folders.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UploadRefused(400, "INVALID_INPUT", "Refused file name: it contains control characters.");
  // Bidi controls and other invisible format characters (Unicode category Cf: U+202E RIGHT-TO-LEFT
  // OVERRIDE, zero-width joiners, BOM …) make a name display as something it is not: "…fdp.exe"
  // shown as "exe.pdf".
  if (/\p{Cf}/u.test(name)) throw new UploadRefused(400, "INVALID_INPUT", "Refused file name: it contains invisible or text-direction characters, which can disguise what the file is.");
  const cleaned = name.replace(/[<>:"|?*]/g, "_").replace(/[. ]+$/, "") || "upload";
  if (Buffer.byteLength(cleaned) > MAX_NAME_BYTES) throw new UploadRefused(400, "INVALID_INPUT", `Refused file name: longer than ${MAX_NAME_BYTES} bytes.`);
  return cleaned;
}

/** Counts bytes as they pass and fails the stream as soon as the file cap or the host's quota is crossed. */
function sizeCap(limit: number, quota: UploadQuota | undefined): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new UploadRefused(413, "INVALID_INPUT", `File is larger than the upload limit of ${formatBytes(limit)}.`));
      else if (quota && !quota.take(chunk.length)) callback(quotaFull(quota));
      else callback(null, chunk);
    },
  });
}

function quotaFull(quota: UploadQuota): UploadRefused {
  return new UploadRefused(507, "DISK_FULL", `Uploads are full: this host keeps at most ${formatBytes(quota.totalLimit)} of uploaded files. Remove documents you no longer need, then upload again.`);
}

/**
 * Streams the body to `file`. The request is piped rather than put in the pipeline, because a
 * pipeline destroys its source on error and destroying an unfinished request destroys the socket:
 * the client would get a reset instead of the 413 that says why.
 */
async function receive(req: IncomingMessage, file: string, limit: number, quota: UploadQuota | undefined): Promise<void> {
  const cap = sizeCap(limit, quota);
  const done = pipeline(cap, createWriteStream(file, { flags: "wx", mode: PRIVATE_FILE_MODE }));
  const interrupted = (): void => {
    if (!req.complete) cap.destroy(new UploadRefused(400, "INVALID_INPUT", "Upload interrupted before the end of the file."));
  };
  // A client that hung up while the folder was being made has already closed: its "close" will not
  // come again, and waiting for it would hold an upload slot for ever.
  if (req.destroyed || req.closed) interrupted();
  else req.once("close", interrupted);
  req.pipe(cap);
  await done;
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, uploadsDir: string, limit: number, quota?: UploadQuota): Promise<void> {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    sendPlain(res, 405, "Method not allowed");
    return;
  }
  let folder: string | undefined;
  let release: (() => void) | undefined;
  try {
    const name = sanitiseUploadName(url.searchParams.get("name"));
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw new UploadRefused(413, "INVALID_INPUT", `File is larger than the upload limit of ${formatBytes(limit)}.`);
    if (quota) {
      release = quota.begin();
      if (!release) throw new UploadRefused(429, "BUSY", `Too many uploads at once (at most ${quota.maxConcurrent}): wait for one to finish, then try again.`);
      await quota.refresh(uploadsDir);
      if (Number.isFinite(declared) && !quota.fits(declared)) throw quotaFull(quota);
    }
    folder = path.join(uploadsDir, randomUUID());
    await mkdirPrivate(uploadsDir);
    await mkdirPrivate(folder);
    const file = path.join(folder, name);
    await receive(req, file, limit, quota);
    sendPlain(res, 201, JSON.stringify({ path: file }), "application/json; charset=utf-8");
  } catch (err) {
    // Nothing half-written is left behind: a refused, oversized or interrupted upload leaves no trace.
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    if (res.headersSent || req.socket.destroyed) return;
    // The rest of a refused body is not read; closing the connection stops the client sending it.
    res.setHeader("Connection", "close");
    const refusal = uploadRefusalOf(err);
    sendJsonError(res, refusal.status, refusal.code, refusal.message);
  } finally {
    release?.();
  }
}

/** The HTTP answer to a failed upload: its own status when refused, 507 when the disk is full. */
export function uploadRefusalOf(err: unknown): UploadRefused | { status: number; code: "DISK_FULL" | "INTERNAL"; message: string } {
  if (err instanceof UploadRefused) return err;
  if ((err as NodeJS.ErrnoException).code === "ENOSPC") {
    return { status: 507, code: "DISK_FULL", message: "The disk that holds Enclave's data is full: free some space, then upload again." };
  }
  return { status: 500, code: "INTERNAL", message: `Upload failed: ${(err as Error).message}` };
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(2)} MiB`;
  return `${n} bytes`;
}
