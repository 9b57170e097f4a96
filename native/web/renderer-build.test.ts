import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureRendererBuilt, rendererPaths, rendererStaleReason } from "./renderer-build.ts";

test("the build is stale when missing or older than a renderer or contract source, current otherwise", () => {
  const root = mkdtempSync(path.join(tmpdir(), "enclave-build-"));
  try {
    const paths = rendererPaths(root);
    mkdirSync(path.join(root, "renderer", "app"), { recursive: true });
    mkdirSync(path.join(root, "native", "contract"), { recursive: true });
    const source = path.join(root, "renderer", "app", "App.tsx");
    const contract = path.join(root, "native", "contract", "rag.ts");
    writeFileSync(source, "x");
    writeFileSync(contract, "x");
    assert.equal(rendererStaleReason(paths), "dist/renderer has not been built");

    mkdirSync(paths.outDir, { recursive: true });
    const index = path.join(paths.outDir, "index.html");
    writeFileSync(index, "<!doctype html>");
    const t = Date.now() / 1000;
    for (const p of [source, contract, path.join(root, "renderer", "app"), path.join(root, "renderer"), path.join(root, "native", "contract")]) utimesSync(p, t - 100, t - 100);
    utimesSync(index, t - 50, t - 50);
    assert.equal(rendererStaleReason(paths), null);

    utimesSync(contract, t, t);
    assert.equal(rendererStaleReason(paths), "native/contract changed since the last build");
    utimesSync(contract, t - 100, t - 100);
    utimesSync(source, t, t);
    assert.equal(rendererStaleReason(paths), "renderer changed since the last build");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("parallel callers build once: the second waits for the first, then finds the build current", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "enclave-build-lock-"));
  try {
    mkdirSync(path.join(root, "renderer"), { recursive: true });
    writeFileSync(path.join(root, "renderer", "index.html"), "<!doctype html>");
    const past = Date.now() / 1000 - 100;
    utimesSync(path.join(root, "renderer", "index.html"), past, past);
    utimesSync(path.join(root, "renderer"), past, past);
    // A stand-in for Vite: writes the output after a pause, counting its runs.
    const vite = path.join(root, "node_modules", "vite", "bin");
    mkdirSync(vite, { recursive: true });
    writeFileSync(
      path.join(vite, "vite.js"),
      `const fs = require("node:fs"); fs.appendFileSync(${JSON.stringify(path.join(root, "runs"))}, "x");
       setTimeout(() => { fs.mkdirSync("dist/renderer", { recursive: true }); fs.writeFileSync("dist/renderer/index.html", "built"); }, 300);`,
    );
    writeFileSync(path.join(root, "package.json"), "{}");
    const paths = rendererPaths(root);
    const results = await Promise.all([ensureRendererBuilt(paths), ensureRendererBuilt(paths)]);
    assert.deepEqual(results.sort(), ["renderer build is up to date", "renderer built (dist/renderer has not been built)"]);
    assert.equal(readFileSync(path.join(root, "runs"), "utf8"), "x", "Vite ran once");
    assert.equal(existsSync(path.join(root, "dist", ".renderer-build.lock")), false, "the lock is released");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
