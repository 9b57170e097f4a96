#!/usr/bin/env node
// The `enclave` command. Runs the compiled CLI (dist/native/cli/main.js, written by
// `npm run build:engine`, the same tree the packaged app ships) when it is current, because plain
// JavaScript starts several times faster than TypeScript through tsx; otherwise the sources through
// tsx's loader. "Current" means no TypeScript file under native/ is newer than the build, so an
// edit is never hidden behind a stale dist/. ENCLAVE_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = new URL("../dist/native/cli/main.js", import.meta.url);
const sources = fileURLToPath(new URL("../native/", import.meta.url));

/** Whether any non-test .ts file under `dir` was modified after `time` (ms). */
function changedSince(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (changedSince(path, time)) return true;
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && statSync(path).mtimeMs > time) return true;
  }
  return false;
}

function compiledIsCurrent() {
  if (process.env.ENCLAVE_FROM_SOURCE === "1" || !existsSync(compiled)) return false;
  // A packaged or copied build without sources: the compiled files are all there is.
  if (!existsSync(sources)) return true;
  return !changedSince(sources.replace(/\/$/, ""), statSync(compiled).mtimeMs);
}

if (compiledIsCurrent()) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../native/cli/main.ts");
}
