// The renderer reaches the engine only through services/api.ts: no other file may touch the
// preload global or open its own transport.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

test("only services/ touches window.enclave, WebSocket or the transport modules", () => {
  const offenders = sources(root)
    .filter((p) => !relative(root, p).startsWith("services/"))
    .filter((p) => /window\.enclave|new WebSocket|ws-api\.ts|ipcRenderer/.test(readFileSync(p, "utf8")))
    .map((p) => relative(root, p));
  assert.deepEqual(offenders, []);
});
