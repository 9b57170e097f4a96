// The web host against the real engine: static serving (types, headers, traversal refused, the
// not-built page), the WebSocket's gate (token, Origin, Host), calls and streamed calls over it,
// upload then ingest of the uploaded copy, and the answers to bad input that must not crash it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { startWebHost, type WebHost } from "../native/web/host.ts";
import { CONTENT_SECURITY_POLICY } from "../native/web/security.ts";
import type { ChatDeltaEvent, ProgressEvent } from "../native/contract/events.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

const TOKEN = "test-token-0123456789";
const UPLOAD_LIMIT = 64 * 1024;

let engine: TestEngine;
let models: TestModels;
let host: WebHost;
let scratch: string;

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
  scratch = await mkdtemp(join(tmpdir(), "enclave-web-"));
  const dist = join(scratch, "renderer");
  await mkdir(join(dist, "assets"), { recursive: true });
  await writeFile(join(dist, "index.html"), "<!doctype html><title>Enclave</title><script type=module src=/assets/app.js></script>");
  await writeFile(join(dist, "assets", "app.js"), "console.log('app');");
  await writeFile(join(dist, "assets", "style.css"), "body{}");
  await writeFile(join(dist, "assets", "font.woff2"), "wOF2");
  await writeFile(join(scratch, "secret.txt"), "not for the browser");
  await symlink(join(scratch, "secret.txt"), join(dist, "assets", "escape.txt"));
  host = await startWebHost({ client: engine.client, dataDir: engine.dataDir, rendererDir: dist, token: TOKEN, uploadLimitBytes: UPLOAD_LIMIT, maxMessageBytes: 64 * 1024, allowedFolders: [models.dir] });
});

after(async () => {
  await host?.close();
  await engine?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away first). */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; port?: number } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: init.port ?? host.port, path, method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

type Frame = { type: "result"; id: string; ok: boolean; output?: unknown; error?: { code: string; message: string } } | { type: "event"; name: string; payload: unknown };

interface Conn {
  ws: WebSocket;
  frames: Frame[];
  call(method: string, input: unknown, id?: string): Promise<Frame & { type: "result" }>;
  next(predicate: (f: Frame) => boolean): Promise<Frame>;
}

/** Opens a socket as a browser tab would; rejects with the HTTP status when the upgrade is refused. */
function connect(options: { token?: string | null; origin?: string | null } = {}): Promise<Conn> {
  const token = options.token === undefined ? TOKEN : options.token;
  const origin = options.origin === undefined ? host.origin : options.origin;
  const protocols = ["enclave.v1", ...(token === null ? [] : [`enclave.token.${token}`])];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, protocols, origin === null ? {} : { origin });
  const frames: Frame[] = [];
  const waiters: { predicate: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.predicate(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const next = (predicate: (f: Frame) => boolean): Promise<Frame> => {
    const seen = frames.find(predicate);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ predicate, resolve }));
  };
  let counter = 0;
  const conn: Conn = {
    ws,
    frames,
    next,
    async call(method, input, id = `c${++counter}`) {
      ws.send(JSON.stringify({ type: "call", id, method, input }));
      return (await next((f) => f.type === "result" && f.id === id)) as Frame & { type: "result" };
    },
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(conn));
    ws.once("unexpected-response", (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once("error", reject);
  });
}

function upload(name: string, body: string | Buffer, headers: Record<string, string> = { Origin: host.origin, "X-Enclave-Token": TOKEN }): Promise<RawResponse> {
  return raw(`/upload?name=${encodeURIComponent(name)}`, { method: "POST", headers, body });
}

test("serves the built renderer with its content types and the security headers", async () => {
  const index = await raw("/");
  assert.equal(index.status, 200);
  assert.equal(index.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(index.headers["content-security-policy"], CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self' 'wasm-unsafe-eval';.*object-src 'none';.*frame-ancestors 'none'/);
  assert.equal(index.headers["x-content-type-options"], "nosniff");
  assert.match(index.body, /<title>Enclave<\/title>/);
  const js = await raw("/assets/app.js");
  assert.equal(js.headers["content-type"], "text/javascript; charset=utf-8");
  assert.match(String(js.headers["cache-control"]), /immutable/);
  assert.equal((await raw("/assets/style.css")).headers["content-type"], "text/css; charset=utf-8");
  assert.equal((await raw("/assets/font.woff2")).headers["content-type"], "font/woff2");
  assert.equal((await raw("/assets/missing.js")).status, 404);
  assert.equal((await raw("/favicon.ico")).status, 204, "a build without an icon: no 404 in the console");
  // A folder is never listed: with no extension it is a client route and gets the app itself.
  assert.equal((await raw("/assets/")).body, index.body);
  assert.equal((await raw("/", { method: "DELETE" })).status, 405);
  const typed = await raw("/assets/app.js", { headers: { Host: `localhost:${host.port}` } });
  assert.deepEqual([typed.status, typed.headers.location], [308, `${host.origin}/assets/app.js`], "localhost goes to the printed origin");
});

test("refuses every way out of the served folder", async () => {
  for (const path of ["/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/assets/%5c..%5csecret.txt", "/%00", "/%E0%A4%A"]) {
    const res = await raw(path);
    assert.equal(res.status, 400, `${path} → ${res.status}`);
    assert.doesNotMatch(res.body, /not for the browser/);
  }
  const link = await raw("/assets/escape.txt");
  assert.equal(link.status, 400, "a symlink pointing out of the folder is refused");
  assert.doesNotMatch(link.body, /not for the browser/);
});

test("says how to build the interface when dist/renderer is empty", async () => {
  const empty = await mkdtemp(join(tmpdir(), "enclave-web-empty-"));
  const bare = await startWebHost({ client: engine.client, dataDir: engine.dataDir, rendererDir: empty });
  try {
    const res = await raw("/", { port: bare.port });
    assert.equal(res.status, 503);
    assert.match(res.body, /has not been built/);
    assert.match(res.body, /npx vite build/);
    assert.equal(res.headers["content-security-policy"], CONTENT_SECURITY_POLICY);
    assert.match(bare.url, new RegExp(`^http://127\\.0\\.0\\.1:${bare.port}/#token=[A-Za-z0-9_-]{43}$`));
  } finally {
    await bare.close();
    await rm(empty, { recursive: true, force: true });
  }
});

test("the WebSocket is refused without the token, with a wrong one, from a foreign or missing Origin", async () => {
  const status = (p: Promise<Conn>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);
  assert.equal(await status(connect({ token: null })), 401);
  assert.equal(await status(connect({ token: "wrong" })), 401);
  assert.equal(await status(connect({ origin: "http://evil.example" })), 403);
  assert.equal(await status(connect({ origin: `http://localhost:${host.port}` })), 403);
  assert.equal(await status(connect({ origin: null })), 403);
});

test("engine.info round-trips; unknown methods, bad input and shell methods are answered", async () => {
  const conn = await connect();
  try {
    const info = await conn.call("engine.info", {});
    assert.equal(info.ok, true);
    assert.equal((info.output as { dataDir: string }).dataDir, engine.dataDir);
    const unknown = await conn.call("fs.readFile", { path: "/etc/passwd" });
    assert.equal(unknown.error?.code, "UNKNOWN_METHOD");
    const bad = await conn.call("engine.ping", { delayMs: -1 });
    assert.equal(bad.error?.code, "INVALID_INPUT");
    assert.deepEqual((await conn.call("shell.capabilities", {})).output, { host: "web", fileDialogs: false, uploads: true, openExternal: false });
    const pick = await conn.call("shell.pickPaths", { purpose: "documents" });
    assert.equal(pick.error?.code, "INVALID_INPUT");
    assert.match(pick.error!.message, /not available in the browser: drop files or type a path/);
    assert.deepEqual((await conn.call("shell.openExternal", { url: "https://example.com" })).output, { opened: false });
  } finally {
    conn.ws.close();
  }
});

test("garbage is answered with a notice and the socket keeps working; an oversized frame closes it", async () => {
  const conn = await connect();
  conn.ws.send("{not json");
  const notice = await conn.next((f) => f.type === "event" && f.name === "engine.notice");
  assert.equal((notice as { payload: { code: string } }).payload.code, "PROTOCOL_ERROR");
  conn.ws.send(JSON.stringify({ type: "call" }));
  await conn.next((f) => f.type === "event" && (f.payload as { message: string }).message.startsWith("malformed"));
  assert.equal((await conn.call("engine.ping", {})).ok, true);
  const closed = new Promise<number>((resolve) => conn.ws.once("close", (code) => resolve(code)));
  conn.ws.send("x".repeat(65 * 1024));
  assert.equal(await closed, 1009);
  assert.equal((await (await connect()).call("engine.ping", {})).ok, true, "the host still takes new sockets");
});

test("a streamed chat turn arrives as deltas tagged with the tab's own request id", async () => {
  const conn = await connect();
  try {
    assert.equal((await conn.call("inference.load", { model: models.q8_0, contextSize: 512 })).ok, true);
    const conversation = (await conn.call("conversations.create", {})).output as { id: string };
    const result = await conn.call("chat.send", { conversationId: conversation.id, text: "Hello", sampling: { temperature: 0, maxTokens: 8 } }, "my-chat-1");
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const deltas = conn.frames.filter((f) => f.type === "event" && f.name === "chat.delta").map((f) => (f as { payload: ChatDeltaEvent }).payload);
    assert.ok(deltas.length > 1);
    assert.ok(deltas.every((d) => d.requestId === "my-chat-1"));
    assert.equal(deltas.map((d) => d.text).join(""), (result.output as { assistantMessage: { text: string } }).assistantMessage.text);
  } finally {
    conn.ws.close();
    await engine.client.call("inference.unload", {});
  }
});

test("an uploaded file lands in the data folder and ingests from there, with progress", async () => {
  const res = await upload("lease notes.md", "# Lease\n\nUnit QX-9182 ends on 1 May 2031.\n");
  assert.equal(res.status, 201, res.body);
  const { path } = JSON.parse(res.body) as { path: string };
  assert.ok(path.startsWith(join(engine.dataDir, "uploads")), path);
  assert.ok(path.endsWith("/lease notes.md"));
  assert.equal(await readFile(path, "utf8"), "# Lease\n\nUnit QX-9182 ends on 1 May 2031.\n");

  const conn = await connect();
  try {
    const ingest = await conn.call("rag.ingest", { paths: [path], collection: "web" }, "ingest-1");
    assert.equal(ingest.ok, true, JSON.stringify(ingest.error));
    assert.equal((ingest.output as { files: { outcome: string }[] }).files[0]!.outcome, "added");
    const progress = conn.frames.filter((f) => f.type === "event" && f.name === "progress").map((f) => (f as { payload: ProgressEvent }).payload);
    assert.ok(progress.length > 0 && progress.every((p) => p.requestId === "ingest-1"));
    const search = await conn.call("rag.search", { query: "QX-9182", collection: "web" });
    assert.ok((search.output as { hits: { file: string }[] }).hits.some((h) => h.file === path));
  } finally {
    conn.ws.close();
  }
});

test("uploads are refused without the token, from another origin, with a bad name or over the cap", async () => {
  const before = await readdir(join(engine.dataDir, "uploads")).catch(() => []);
  const code = (r: RawResponse) => [r.status, (JSON.parse(r.body) as { error: { code: string } }).error.code];
  assert.deepEqual(code(await upload("a.txt", "x", { Origin: host.origin })), [401, "PERMISSION_DENIED"]);
  assert.deepEqual(code(await upload("a.txt", "x", { Origin: host.origin, "X-Enclave-Token": "wrong" })), [401, "PERMISSION_DENIED"]);
  assert.deepEqual(code(await upload("a.txt", "x", { Origin: "http://evil.example", "X-Enclave-Token": TOKEN })), [403, "PERMISSION_DENIED"]);
  for (const name of ["..", "../a.txt", "a/b.txt", "a\\b.txt", "", "a\u0001.txt"]) {
    assert.deepEqual(code(await upload(name, "x")), [400, "INVALID_INPUT"], JSON.stringify(name));
  }
  const big = await upload("big.bin", Buffer.alloc(UPLOAD_LIMIT + 1));
  assert.deepEqual(code(big), [413, "INVALID_INPUT"]);
  assert.match(big.body, /upload limit of 65536 bytes/);
  // Without a declared length (chunked), the cap is enforced while streaming.
  const chunked = await upload("big.bin", Buffer.alloc(UPLOAD_LIMIT + 1), { Origin: host.origin, "X-Enclave-Token": TOKEN, "Transfer-Encoding": "chunked" });
  assert.deepEqual(code(chunked), [413, "INVALID_INPUT"]);
  assert.deepEqual(await readdir(join(engine.dataDir, "uploads")).catch(() => []), before, "nothing was written by a refused upload");
});
