// The session's capabilities against a recording fake EngineClient (the real web host's socket is
// exercised in test/web-capabilities.test.ts): host-only settings, paths outside the grants, what a
// host dialog grants, and `..` or symlinks that try to step out of a granted folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineClient } from "../client/types.ts";
import type { FromEngineMessage } from "../transport/protocol.ts";
import { pathArguments } from "../contract/capabilities.ts";
import { PathGrants } from "./path-grants.ts";
import { createBridgeSession, type ShellHandlers } from "./session.ts";

function harness(grants: PathGrants | undefined, picked: string[] = []) {
  const calls: string[] = [];
  const client: EngineClient = {
    call: ((method: string) => {
      calls.push(method);
      return Promise.resolve({});
    }) as unknown as EngineClient["call"],
    onNotice: () => () => undefined,
    close: () => Promise.resolve(),
  };
  const shell: ShellHandlers = {
    "shell.capabilities": () => Promise.resolve({ host: "electron", fileDialogs: true, uploads: false, openExternal: true }),
    "shell.pickPaths": () => Promise.resolve({ paths: picked }),
    "shell.openExternal": () => Promise.resolve({ opened: false }),
  };
  const sent: FromEngineMessage[] = [];
  const session = createBridgeSession({ client, shell, send: (m) => sent.push(m), ...(grants && { grants }) });
  let n = 0;
  const call = async (method: string, input: unknown) => {
    const id = `c${++n}`;
    session.handle({ type: "call", id, method, input });
    for (;;) {
      const found = sent.find((m) => m.type === "result" && m.id === id);
      if (found?.type === "result") return found.ok ? { ok: true as const } : { ok: false as const, code: found.error.code, message: found.error.message };
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  return { call, calls };
}

test("host-only settings cannot be changed from any renderer, restricted or not", async () => {
  for (const grants of [undefined, new PathGrants([])]) {
    const h = harness(grants);
    const r = await h.call("settings.update", { downloadDir: join(tmpdir(), ".config", "autostart") });
    assert.equal(r.ok ? "ok" : r.code, "PERMISSION_DENIED");
    assert.match(r.ok ? "" : r.message, /downloadDir can only be set by the host/);
    assert.deepEqual(h.calls, [], "the engine never saw it");
    assert.equal((await h.call("settings.update", { ocr: false })).ok, true, "other settings still change");
  }
});

test("host-only methods (the API server's token) cannot be called from any renderer", async () => {
  for (const grants of [undefined, new PathGrants([])]) {
    const h = harness(grants);
    const r = await h.call("apiServer.attach", { token: "chosen-by-a-page-0123456789" });
    assert.equal(r.ok ? "ok" : r.code, "PERMISSION_DENIED");
    const keys = await h.call("remote.attachKeys", { keys: {} });
    assert.equal(keys.ok ? "ok" : keys.code, "PERMISSION_DENIED");
    assert.deepEqual(h.calls, [], "the engine never saw it");
    assert.equal((await h.call("apiServer.status", {})).ok, true, "the status is still readable");
  }
});

test("a restricted session names only paths under its grants; a host dialog adds what the user picked", async () => {
  const root = await mkdtemp(join(tmpdir(), "enclave-grants-"));
  try {
    const uploads = join(root, "uploads");
    const picked = join(root, "picked");
    await mkdir(join(uploads, "u1"), { recursive: true });
    await mkdir(picked);
    await writeFile(join(uploads, "u1", "a.md"), "a");
    await symlink("/etc", join(uploads, "u1", "etc-link"));
    const h = harness(new PathGrants([uploads]), [picked]);
    const denied = async (method: string, input: unknown) => {
      const r = await h.call(method, input);
      assert.equal(r.ok ? "ok" : r.code, "PERMISSION_DENIED", `${method} ${JSON.stringify(input)}`);
    };
    await denied("rag.ingest", { paths: ["/etc/passwd"], collection: "c" });
    await denied("rag.ingest", { paths: [join(uploads, "u1", "a.md"), "/etc/passwd"], collection: "c" });
    await denied("rag.ingest", { paths: [join(uploads, "..", "..", "etc", "passwd")], collection: "c" });
    await denied("rag.ingest", { paths: [join(uploads, "u1", "etc-link", "passwd")], collection: "c" });
    await denied("rag.ingest", { paths: ["relative.md"], collection: "c" });
    await denied("models.hash", { model: "/etc/shadow" });
    await denied("models.inspect", { model: "/dev/zero" });
    await denied("models.addFolder", { path: "/home" });
    await denied("inference.load", { model: "0123456789abcdef", lora: [{ path: "/etc/passwd" }] });
    await denied("settings.update", { embeddingModel: "/root/x.gguf" });
    await denied("rag.ingest", { paths: [join(picked, "doc.pdf")], collection: "c" });
    assert.deepEqual(h.calls, []);

    assert.equal((await h.call("rag.ingest", { paths: [join(uploads, "u1", "a.md")], collection: "c" })).ok, true);
    assert.equal((await h.call("models.hash", { model: "0123456789abcdef" })).ok, true, "a library id names no path");
    assert.equal((await h.call("shell.pickPaths", { purpose: "folder" })).ok, true);
    assert.equal((await h.call("rag.ingest", { paths: [join(picked, "doc.pdf")], collection: "c" })).ok, true, "picked in the host's dialog");
    assert.deepEqual(h.calls, ["rag.ingest", "models.hash", "rag.ingest"]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("an unrestricted session (a desktop window) may still name any path", async () => {
  const h = harness(undefined);
  assert.equal((await h.call("rag.ingest", { paths: ["/srv/docs"], collection: "c" })).ok, true);
});

test("every path-bearing input is found", () => {
  assert.deepEqual(pathArguments("completions.chat", { model: "/etc/passwd", messages: [] }), ["/etc/passwd"]);
  assert.deepEqual(pathArguments("embeddings.create", { model: "0123456789abcdef", input: ["x"] }), [], "a library id is not a path");
  assert.deepEqual(pathArguments("rag.ingest", { paths: ["/a", 3, "/b"] }), ["/a", "/b"]);
  assert.deepEqual(pathArguments("models.inspect", { model: "a".repeat(64) }), []);
  assert.deepEqual(pathArguments("inference.load", { model: "/m.gguf", lora: [{ path: "/l.gguf" }] }), ["/m.gguf", "/l.gguf"]);
  assert.deepEqual(pathArguments("settings.update", { embeddingModel: "/e.gguf", rerankerModel: null }), ["/e.gguf"]);
  assert.deepEqual(pathArguments("engine.ping", { path: "/x" }), []);
});
