// The managed model catalog through the real engine: the policy names a catalog served on loopback
// (as an internal mirror would serve it); nothing outside it loads; an install reports progress,
// verifies the pinned SHA-256 (a mismatch installs nothing), can be cancelled (nothing left behind),
// and the installed model then loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { isEngineError } from "../native/contract/errors.ts";
import type { ProgressEvent } from "../native/contract/events.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let models: TestModels;
let scratch: string;
let server: http.Server;
let engine: TestEngine;
let body: Buffer;

before(async () => {
  models = await getTestModels();
  scratch = await mkdtemp(join(tmpdir(), "enclave-catalog-"));
  body = await readFile(models.q4_0);
  const sha = createHash("sha256").update(body).digest("hex");
  server = http.createServer((req, res) => {
    if (req.url === "/catalog.json") {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          format: "enclave.catalog",
          version: 1,
          models: [
            { id: "tiny-q4", name: "Tiny Q4_0", quant: "Q4_0", url: `${base}/files/tiny-q4.gguf`, sha256: sha, license: "apache-2.0" },
            { id: "tampered", name: "Tampered", url: `${base}/files/tampered.gguf`, sha256: "0".repeat(64), license: "apache-2.0" },
            { id: "slow", name: "Slow", url: `${base}/files/slow.gguf`, sha256: sha, license: "apache-2.0", sizeBytes: body.length * 4 },
          ],
        }),
      );
    } else if (req.url === "/files/tiny-q4.gguf" || req.url === "/files/tampered.gguf") {
      res.setHeader("content-length", String(body.length));
      res.end(body);
    } else if (req.url === "/files/slow.gguf") {
      res.write(body.subarray(0, 64 * 1024)); // then nothing more: the install waits until cancelled
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const policy = join(scratch, "policy.json");
  await writeFile(policy, JSON.stringify({ models: { catalog: `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.json`, allowUserModels: false } }));
  engine = await startTestEngine({ env: { ENCLAVE_POLICY: policy } });
});
after(async () => {
  await engine?.close();
  server?.closeAllConnections();
  server?.close();
  await rm(scratch, { recursive: true, force: true });
});

const downloadDir = () => join(engine.dataDir, "models");

test("the catalog lists the policy's models, none installed; a model outside it does not load", async () => {
  const { source, models: listed } = await engine.client.call("catalog.list", {});
  assert.match(source ?? "", /catalog\.json$/);
  assert.deepEqual(listed.map((m) => [m.id, m.installedPath]), [["tiny-q4", null], ["tampered", null], ["slow", null]]);
  await assert.rejects(engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 }), (err) => isEngineError(err, "POLICY_DENIED"));
});

test("a file whose SHA-256 differs from the pinned one is not installed", async () => {
  await assert.rejects(engine.client.call("catalog.install", { id: "tampered" }), (err) => isEngineError(err, "INVALID_MODEL_FILE") && /not the 0000/.test(err.message));
  assert.ok(!(await engine.client.call("catalog.list", {})).models.find((m) => m.id === "tampered")!.installedPath);
});

test("an install can be cancelled and leaves nothing behind", async () => {
  const controller = new AbortController();
  const call = engine.client.call("catalog.install", { id: "slow" }, { signal: controller.signal, onEvent: (name) => name === "progress" && controller.abort() });
  await assert.rejects(call, (err) => isEngineError(err, "ABORTED"));
  // The engine removes the partial file as it unwinds the cancel; a later call answers after that.
  await engine.client.call("engine.ping", { delayMs: 200 });
  const leftovers = existsSync(downloadDir()) ? (await readdir(downloadDir())).filter((f) => f.startsWith("slow")) : [];
  assert.deepEqual(leftovers, []);
});

test("one-click install with progress, then the model loads and the install is audited", async () => {
  const progress: ProgressEvent[] = [];
  const { model } = await engine.client.call("catalog.install", { id: "tiny-q4" }, { onEvent: (name, payload) => name === "progress" && progress.push(payload as ProgressEvent) });
  assert.ok(progress.length > 0 && progress.at(-1)!.fraction === 1, JSON.stringify(progress.at(-1)));
  assert.deepEqual(await readFile(model.path), body);
  const loaded = await engine.client.call("inference.load", { model: model.path, contextSize: 512 });
  assert.equal(loaded.model.quant, "Q4_0");
  const { records } = await engine.client.call("audit.list", { limit: 20 });
  assert.ok(records.some((r) => r.type === "catalog.install" && r.data.id === "tiny-q4"));
  assert.ok(records.some((r) => r.type === "model.load"));
});
