import { test } from "node:test";
import assert from "node:assert/strict";
import { formatComponents, packageDir, readComponents } from "./components.ts";
import { ENGINE_VERSION } from "./version.ts";

test("components are read from the installed packages' files, without loading them", () => {
  const c = readComponents({ node: process.versions.node }, null);
  assert.equal(c.app, ENGINE_VERSION);
  assert.equal(c.electron, null);
  assert.match(c.nodeLlamaCpp ?? "", /^\d+\.\d+\.\d+/);
  assert.match(c.lancedb ?? "", /^\d+\.\d+\.\d+/);
  assert.ok(c.llamaCpp, "node-llama-cpp's llama.cpp release");
  assert.equal(c.commit, null);
  assert.equal(packageDir("no-such-package-enclave"), null);
});

test("the running Electron wins over the one a build was packaged with", () => {
  const build = { electron: "45.4.1", commit: "abc123", builtAt: "2026-01-01T00:00:00Z" };
  assert.equal(readComponents({ node: process.versions.node, electron: "46.0.0" }, build).electron, "46.0.0");
  const packaged = readComponents({ node: process.versions.node }, build);
  assert.equal(packaged.electron, "45.4.1");
  assert.equal(packaged.commit, "abc123");
});

test("--version prints the app version alone on the first line, then one component a line", () => {
  const text = formatComponents({ app: "1.2.3", electron: null, node: "20.1.0", nodeLlamaCpp: "3.21.1", llamaCpp: "b1", lancedb: "0.31.0", commit: "abc" });
  const lines = text.split("\n");
  assert.equal(lines[0], "1.2.3");
  assert.match(text, /Electron +none/);
  assert.match(text, /node-llama-cpp 3\.21\.1/);
  assert.match(text, /llama\.cpp +b1/);
  assert.match(text, /LanceDB +0\.31\.0/);
  assert.match(lines.at(-1)!, /Commit +abc/);
});
