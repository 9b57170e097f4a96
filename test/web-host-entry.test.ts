// `npm run start:web`'s entry as a user runs it: it prints the tokened address, serves, and on
// SIGTERM (or Ctrl-C) closes the engine before exiting 0; a bad option exits 2 with the usage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";

const ENTRY = join(import.meta.dirname, "..", "scripts", "start-web.mjs");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`prints the address, answers, and closes the engine on ${signal}`, { timeout: 90_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "enclave-web-entry-"));
    const child = spawn(process.execPath, [ENTRY, "--no-build", "--cpu", "--data-dir", dataDir], {
      env: { ...process.env, ENCLAVE_THREADS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      while (!/open http/.test(out)) {
        if (child.exitCode !== null) assert.fail(`exited early: ${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const url = /open (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]{43})/.exec(out);
      assert.ok(url, out);
      // /ws answers plain HTTP the same whether or not the renderer has been built.
      const res = await fetch(`${url[1]}/ws`);
      assert.equal(res.status, 426);

      // The engine is the host's only child process running engine/main (tsx may also run an
      // esbuild service as a child when its cache is cold, as on a fresh clone).
      const ps = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(child.pid)], { encoding: "utf8" });
      const enginePids = ps.stdout
        .split("\n")
        .filter((line) => /engine[/\\]main\.(ts|js)/.test(line))
        .map((line) => Number(line.trim().split(/\s+/)[0]))
        .filter((n) => n > 0);
      assert.equal(enginePids.length, 1, `one engine process: ${ps.stdout}`);

      child.kill(signal);
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0, err);
      assert.match(err, new RegExp(`${signal}: closing the web host and the engine`));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(alive(enginePids[0]!), false, "the engine process is gone");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}

test("a bad option exits 2 with the usage", () => {
  const r = spawnSync(process.execPath, [ENTRY, "--port", "http"], { encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /option '--port' must be a whole number from 0 to 65535, not 'http'/);
  assert.match(r.stderr, /Usage: npm run start:web/);
});
