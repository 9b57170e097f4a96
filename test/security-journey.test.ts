// Issue 7, end to end through the real web host and engine: a browser tab's journey (upload, ingest,
// search, chat, removal) over the real WebSocket, then what is left on disk. Each check here failed
// on the code before the issue: files readable by every local user, removed text still on disk,
// a tab reading /etc/passwd or moving downloads, a FIFO jamming ingestion.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { startWebHost, type WebHost } from "../native/web/host.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

const TOKEN = "security-journey-token-0123";
const MARKER = "Zephyrmarker4417qx";
const MARKER2 = "Quillbarrow8823zt";
const posix = process.platform !== "win32";

let models: TestModels;
let scratch: string;
let dataDir: string;
let engineTmp: string;
let engine: TestEngine;
let host: WebHost;

before(async () => {
  process.umask(0o022); // the usual umask: without care, everything would be world-readable
  models = await getTestModels();
  scratch = await mkdtemp(join(tmpdir(), "enclave-security-"));
  dataDir = join(scratch, "data");
  engineTmp = join(scratch, "engine-tmp");
  await mkdir(engineTmp);
  // What an earlier version left: a world-readable data folder and file, and an upload never ingested.
  await mkdir(join(dataDir, "uploads", "never-ingested"), { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  await writeFile(join(dataDir, "uploads", "never-ingested", "draft.md"), "old draft", { mode: 0o644 });
  await writeFile(join(dataDir, "legacy.json"), "{}", { mode: 0o644 });
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(join(dataDir, "uploads", "never-ingested"), hourAgo, hourAgo);
  engine = await startTestEngine({ dataDir, env: { TMPDIR: engineTmp, TMP: engineTmp, TEMP: engineTmp } });
  host = await startWebHost({ client: engine.client, dataDir, rendererDir: join(scratch, "no-renderer"), token: TOKEN, allowedFolders: [models.dir] });
});

after(async () => {
  await host?.close();
  await engine?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Result = { ok: boolean; output?: unknown; error?: { code: string; message: string } };

function connect(): Promise<{ call(method: string, input: unknown): Promise<Result>; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, ["enclave.v1", `enclave.token.${TOKEN}`], { origin: host.origin });
  const waiting = new Map<string, (r: Result) => void>();
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as Result & { type: string; id: string };
    if (frame.type === "result") waiting.get(frame.id)?.(frame);
  });
  let n = 0;
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () =>
      resolve({
        call: (method, input) =>
          new Promise((done) => {
            const id = `s${++n}`;
            waiting.set(id, done);
            ws.send(JSON.stringify({ type: "call", id, method, input }));
          }),
        close: () => ws.close(),
      }),
    );
  });
}

function upload(name: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: host.port, method: "POST", path: `/upload?name=${encodeURIComponent(name)}`, headers: { Origin: host.origin, "X-Enclave-Token": TOKEN } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode === 201) resolve((JSON.parse(text) as { path: string }).path);
          else reject(new Error(`upload: ${res.statusCode} ${text}`));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(p, ...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

/** Files under the data folder whose bytes contain `text` (case-insensitively: the FTS index lowercases). */
async function filesContaining(text: string): Promise<string[]> {
  const needle = text.toLowerCase();
  const hits: string[] = [];
  for (const p of await filesUnder(dataDir)) {
    if (!(await stat(p)).isFile()) continue;
    if ((await readFile(p)).toString("latin1").toLowerCase().includes(needle)) hits.push(p);
  }
  return hits;
}

const code = (r: Result) => (r.ok ? "ok" : r.error!.code);

test("a browser tab reaches only what it was given, enforced on the real socket", async () => {
  const tab = await connect();
  try {
    const passwd = await tab.call("rag.ingest", { paths: ["/etc/passwd"], collection: "stolen" });
    assert.equal(code(passwd), "PERMISSION_DENIED");
    assert.equal(code(await tab.call("rag.ingest", { paths: [join(dataDir, "uploads", "..", "..", "..")], collection: "stolen" })), "PERMISSION_DENIED");
    assert.equal(code(await tab.call("models.hash", { model: "/etc/passwd" })), "PERMISSION_DENIED");
    assert.equal(code(await tab.call("models.addFolder", { path: "/etc" })), "PERMISSION_DENIED");
    const moved = await tab.call("settings.update", { downloadDir: join(scratch, ".config", "autostart") });
    assert.equal(code(moved), "PERMISSION_DENIED");
    assert.match(moved.error!.message, /downloadDir/);
    assert.equal(((await tab.call("settings.get", {})).output as { settings: { downloadDir: string | null } }).settings.downloadDir, null);
    // A fresh install is offline; the download rules below are those of a user who went online.
    assert.equal(code(await tab.call("settings.update", { offline: false })), "ok");
    const plainHttp = await tab.call("models.download", { uri: "http://127.0.0.1:9/autostart.gguf" });
    assert.equal(code(plainHttp), "INVALID_INPUT");
    assert.match(plainHttp.error!.message, /SHA-256/);
    assert.deepEqual(((await tab.call("rag.collections", {})).output as { collections: unknown[] }).collections, []);
    // What the host was given (--allow-folder) is reachable.
    assert.equal(code(await tab.call("models.inspect", { model: models.q8_0 })), "ok");
  } finally {
    tab.close();
  }
});

test("FIFOs and devices are refused at once, naming the file, and do not jam later ingests", { skip: !posix && "no FIFOs", timeout: 60_000 }, async () => {
  const tab = await connect();
  try {
    const doc = await upload("ok.md", "# Fine\n\nA plain document.\n");
    const fifo = join(doc, "..", "pipe.md");
    execFileSync("mkfifo", [fifo]);
    const ingest = await tab.call("rag.ingest", { paths: [fifo], collection: "pipes" });
    assert.equal(code(ingest), "ok", JSON.stringify(ingest.error));
    const [file] = (ingest.output as { files: { outcome: string; error: { code: string; message: string } | null }[] }).files;
    assert.equal(file!.outcome, "failed");
    assert.equal(file!.error!.code, "INVALID_INPUT");
    assert.match(file!.error!.message, /pipe\.md is a named pipe/);
    const hashed = await tab.call("models.hash", { model: fifo });
    assert.notEqual(code(hashed), "ok");
    // The engine is not jammed: the next ingest runs.
    const next = await tab.call("rag.ingest", { paths: [doc], collection: "pipes" });
    assert.equal((next.output as { files: { outcome: string }[] }).files[0]!.outcome, "added");
    assert.equal(code(await tab.call("rag.deleteCollection", { collection: "pipes" })), "ok");
  } finally {
    tab.close();
  }
  // A trusted caller (the CLI) may name any path, still only regular files: /dev/zero never ends.
  const zero = await engine.client.call("rag.ingest", { paths: ["/dev/zero"], collection: "devices" });
  assert.equal(zero.files[0]!.error?.code, "INVALID_INPUT");
  assert.match(zero.files[0]!.error!.message, /\/dev\/zero is a device/);
});

test("removing a document or a collection leaves none of its text on disk, nor its upload", async () => {
  const tab = await connect();
  try {
    const first = await upload("lease.md", `# Lease\n\nUnit ${MARKER} ends on 1 May 2031.\n`);
    const second = await upload("other.md", "# Other\n\nNothing secret here, just filler words about gardening.\n");
    const third = await upload("deed.md", `# Deed\n\nParcel ${MARKER2} is held in trust.\n`);
    for (const [path, collection] of [[first, "keep"], [second, "keep"], [third, "gone"]] as const) {
      const r = await tab.call("rag.ingest", { paths: [path], collection });
      assert.equal((r.output as { files: { outcome: string }[] }).files[0]!.outcome, "added", JSON.stringify(r));
    }
    const hits = (await tab.call("rag.search", { query: "lease unit ends", collection: "keep" })).output as { hits: { text: string }[] };
    assert.ok(hits.hits.some((h) => h.text.includes(MARKER)));
    // A conversation, so journals are part of the journey.
    assert.equal(code(await tab.call("inference.load", { model: models.q8_0, contextSize: 512 })), "ok");
    const conversation = (await tab.call("conversations.create", {})).output as { id: string };
    assert.equal(code(await tab.call("chat.send", { conversationId: conversation.id, text: "Hello", sampling: { temperature: 0, maxTokens: 4 } })), "ok");
    assert.equal(code(await tab.call("inference.unload", {})), "ok");

    assert.ok((await filesContaining(MARKER)).length > 0, "the marker is on disk before removal (the check can see it)");
    const docs = (await tab.call("rag.documents", { collection: "keep" })).output as { documents: { id: string; path: string }[] };
    const lease = docs.documents.find((d) => d.path === first)!;
    assert.equal(((await tab.call("rag.removeDocument", { documentId: lease.id })).output as { removed: boolean }).removed, true);
    assert.equal(((await tab.call("rag.deleteCollection", { collection: "gone" })).output as { documents: number }).documents, 1);

    assert.deepEqual(await filesContaining(MARKER), [], "no file under the data folder holds the removed document's text");
    assert.deepEqual(await filesContaining(MARKER2), [], "nor the deleted collection's");
    await assert.rejects(stat(join(first, "..")), "the removed document's upload folder is gone");
    await assert.rejects(stat(join(third, "..")), "the deleted collection's upload is gone");
    assert.ok((await stat(second)).isFile(), "another document's upload stays");
    const left = (await tab.call("rag.search", { query: "gardening filler", collection: "keep" })).output as { hits: unknown[] };
    assert.ok(left.hits.length > 0, "the rest of the index still answers");
  } finally {
    tab.close();
  }
});

test("after the journey everything under the data folder is owner-only, and nothing went to the temp folder", { skip: !posix && "no POSIX modes" }, async () => {
  const loose: string[] = [];
  assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
  for (const p of await filesUnder(dataDir)) {
    const info = await stat(p);
    const mode = info.mode & 0o777;
    if (info.isDirectory() ? mode !== 0o700 : (mode & 0o077) !== 0) loose.push(`${mode.toString(8)} ${p.slice(dataDir.length)}`);
  }
  assert.deepEqual(loose, [], "group/other permissions found");
  assert.ok((await filesUnder(dataDir)).some((p) => p.includes("conversations")), "journals were written and checked");
  assert.equal((await stat(join(dataDir, "legacy.json"))).mode & 0o777, 0o600, "an earlier version's file was tightened at start");
  await assert.rejects(stat(join(dataDir, "uploads", "never-ingested")), "an upload never ingested was swept at start");
  // tsx-N is the test's TypeScript loader caching transpiled engine source (no data; a built engine has no tsx).
  assert.deepEqual((await readdir(engineTmp)).filter((n) => !/^tsx-\d+$/.test(n)), [], "the engine wrote nothing to the system temp folder");
});
