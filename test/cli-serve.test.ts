// `enclave serve` as a user runs it: the bin and the engine as real processes. It loads the model,
// says where it listens, creates the token once (0600), answers an OpenAI request with it, stops on
// Ctrl-C; and refuses a non-loopback host without --allow-remote.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ExitCode } from "../native/host/exit-codes.ts";
import { runEnclave } from "./helpers/cli.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
let models: TestModels;
let dataDir: string;

before(async () => {
  models = await getTestModels();
  dataDir = await mkdtemp(join(tmpdir(), "enclave-serve-"));
});
after(async () => rm(dataDir, { recursive: true, force: true }));

test("serve listens on loopback with a stored token, answers, and stops on Ctrl-C", async () => {
  const child = spawn(process.execPath, ["bin/enclave.mjs", "--data-dir", dataDir, "--cpu", "serve", "--port", "0", "--model", models.q8_0, "--context", "256", "--parallel", "1"], {
    cwd: root,
    env: { ...process.env, ENCLAVE_THREADS: "1", NO_COLOR: "1", ENCLAVE_API_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        const match = /Listening on (http:\/\/127\.0\.0\.1:\d+\/v1)\n[\s\S]*API token \(new, saved to [^)]+\): (\S+)\n/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
    });
    const tokenFile = join(dataDir, "api-token");
    const token = (await readFile(tokenFile, "utf8")).trim();
    assert.ok(stdout.includes(token), "the new token is shown once");
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
    const res = await fetch(`${url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ model: models.name, messages: [{ role: "user", content: "hi" }], max_tokens: 3 }),
    });
    const text = await res.text();
    // The model is asked for by its GGUF name here; the loaded one answers to it.
    assert.equal(res.status, 200, text);
    assert.equal((JSON.parse(text) as { usage: { completion_tokens: number } }).usage.completion_tokens, 3);
    assert.equal((await fetch(`${url}/models`)).status, 401);
  } finally {
    child.kill("SIGINT");
  }
  const code = await exited;
  assert.ok(code === 0 || code === ExitCode.ABORTED, `exit ${code}: ${stderr}`);
  // The server runs in the CLI process; each request it answered is in the engine's audit log, without text.
  const log = await readFile(join(dataDir, "audit", "audit.jsonl"), "utf8");
  const requests = log.trim().split("\n").map((line) => JSON.parse(line) as { type: string; data: { route: string; status: number } }).filter((r) => r.type === "api.request");
  assert.ok(requests.some((r) => r.data.status === 200 && /chat\/completions/.test(r.data.route)), log);
  assert.ok(requests.some((r) => r.data.status === 401), "refused requests are audited too");
  assert.doesNotMatch(log, /"hi"/, "no prompt text");
});

test("serve refuses a non-loopback host without --allow-remote", async () => {
  const run = await runEnclave(dataDir, ["serve", "--host", "0.0.0.0", "--port", "0"]);
  assert.equal(run.code, ExitCode.PERMISSION_DENIED, run.stderr);
  assert.match(run.stderr, /--allow-remote/);
});

test("serve refuses a host the organisation's policy does not allow, even with --allow-remote", async () => {
  const policyFile = join(dataDir, "policy-loopback.json");
  await writeFile(policyFile, JSON.stringify({ apiServer: "loopback" }));
  const run = await runEnclave(dataDir, ["serve", "--host", "0.0.0.0", "--port", "0", "--allow-remote"], { env: { ENCLAVE_POLICY: policyFile } });
  assert.equal(run.code, ExitCode.POLICY, run.stderr);
  assert.match(run.stderr, /policy does not allow the API server to listen on 0\.0\.0\.0/);
});
