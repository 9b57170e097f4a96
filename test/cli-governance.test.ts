// The governance commands as a user or an auditor runs them: `audit verify` passes on an untouched
// log and, after a record is edited on disk, fails with exit status 9 naming the line; `audit export`
// writes the copy and its verification; `conversations export` prints a versioned JSON document.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runEnclave } from "./helpers/cli.ts";

let dataDir: string;
const env = () => ({ ENCLAVE_POLICY: join(dataDir, "no-policy.json") });

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-governance-"));
});
after(async () => rm(dataDir, { recursive: true, force: true }));

test("audit verify, audit export and conversations export", async () => {
  const exported = await runEnclave(dataDir, ["conversations", "export", "--format", "json"], { env: env() });
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal((JSON.parse(exported.stdout) as { format: string }).format, "enclave.conversations");

  const ok = await runEnclave(dataDir, ["audit", "verify"], { env: env() });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /chain intact/);

  // Edit the first record (engine.start of the first run) as someone covering their tracks would.
  const log = join(dataDir, "audit", "audit.jsonl");
  const lines = (await readFile(log, "utf8")).split("\n");
  lines[0] = lines[0]!.replace(/"pid":\d+/, '"pid":1');
  await writeFile(log, lines.join("\n"));
  const broken = await runEnclave(dataDir, ["audit", "export", join(dataDir, "copy.jsonl")], { env: env() });
  assert.equal(broken.code, 9, broken.stdout + broken.stderr);
  assert.match(broken.stdout, /CHAIN BROKEN/);
  assert.match(broken.stdout, /line 1 \(edited\)/);
  const verification = JSON.parse(await readFile(join(dataDir, "copy.jsonl.verification.json"), "utf8")) as { ok: boolean; problems: { line: number }[] };
  assert.deepEqual([verification.ok, verification.problems[0]!.line], [false, 1]);
});
