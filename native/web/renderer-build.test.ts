import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { rendererPaths, rendererStaleReason } from "./renderer-build.ts";

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
