// The `enclave` bin end to end: real processes (CLI and engine), a temporary data folder, CPU only,
// one thread, and the generated test models. Checks what scripts rely on: JSON shapes on stdout,
// nothing else on stdout, one-line errors on stderr, and the exit status of each failure category.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ExitCode } from "../native/host/exit-codes.ts";
import { runEnclave, type CliRun } from "./helpers/cli.ts";
import { getTestModels, writeCorruptVariants, TEST_MODEL_NAME, type CorruptVariants, type TestModels } from "./fixtures/test-models.ts";

let models: TestModels;
let corrupt: CorruptVariants;
let work: string;
let dataDir: string;
let folder: string;

const enclave = (args: string[], options: { input?: string } = {}): Promise<CliRun> => runEnclave(dataDir, args, options);

function assertOneLineError(run: CliRun, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, `exit status (stderr: ${run.stderr})`);
  assert.equal(run.stdout, "", "nothing on stdout");
  assert.match(run.stderr, /^enclave: /);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
}

before(async () => {
  models = await getTestModels();
  work = await mkdtemp(join(tmpdir(), "enclave-cli-"));
  dataDir = join(work, "data");
  folder = join(work, "models");
  await mkdir(folder);
  for (const file of [models.f16, models.q8_0, models.q4_0]) await copyFile(file, join(folder, basename(file)));
  corrupt = await writeCorruptVariants(join(work, "corrupt"));
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test("models scan adds a folder and lists its three quantizations", async () => {
  const run = await enclave(["models", "scan", folder, "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const scan = JSON.parse(run.stdout) as { folder: { path: string }; models: { quant: string | null; path: string }[] };
  assert.equal(scan.folder.path, folder);
  assert.deepEqual(scan.models.map((m) => m.quant).sort(), ["F16", "Q4_0", "Q8_0"]);
});

test("models list --json prints the models.list object; the folder's models form one group", async () => {
  const run = await enclave(["models", "list", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const list = JSON.parse(run.stdout) as { groups: { name: string; variants: { quant: string | null; path: string; estimate: unknown }[] }[]; folders: { path: string }[] };
  assert.ok(list.folders.some((f) => f.path === folder));
  const ours = list.groups.filter((g) => g.variants.some((v) => v.path.startsWith(folder)));
  assert.equal(ours.length, 1, "same base model, different quantizations: one group");
  assert.equal(ours[0]!.name, TEST_MODEL_NAME);
  assert.deepEqual(ours[0]!.variants.map((v) => v.quant).sort(), ["F16", "Q4_0", "Q8_0"]);
});

test("models list prints a table a person can read", async () => {
  const run = await enclave(["models", "list"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^MODEL\s+QUANT\s+SIZE\s+FIT\s+SOURCE\s+PATH/);
  for (const quant of ["F16", "Q8_0", "Q4_0"]) assert.match(run.stdout, new RegExp(`\\b${quant}\\b`));
  assert.ok(run.stdout.includes(join(folder, basename(models.q8_0))));
  assert.ok(!run.stdout.includes("\u001b["), "no colour codes when not a terminal");
});

test("models inspect --json describes one file", async () => {
  const run = await enclave(["models", "inspect", models.q8_0, "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const entry = JSON.parse(run.stdout) as { path: string; quant: string; name: string; architecture: string; hasChatTemplate: boolean; metadata: Record<string, unknown> };
  assert.equal(entry.path, models.q8_0);
  assert.equal(entry.quant, "Q8_0");
  assert.equal(entry.name, TEST_MODEL_NAME);
  assert.equal(entry.architecture, "llama");
  assert.equal(entry.hasChatTemplate, true);
  assert.ok(Object.keys(entry.metadata).length > 0);
});

test("chat --prompt --json prints exactly one object with the answer and its statistics", async () => {
  const run = await enclave(["chat", "--model", models.q8_0, "--prompt", "hi", "--json", "--max-tokens", "8", "--threads", "1", "--temperature", "0"]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as Record<string, unknown> & { model: Record<string, unknown> };
  assert.deepEqual(Object.keys(result), ["text", "thinking", "tokens", "promptTokens", "ttftMs", "tokensPerSecond", "threads", "stopReason", "model", "conversationId"]);
  assert.equal(typeof result.text, "string");
  assert.ok((result.text as string).length > 0);
  assert.equal(result.thinking, "");
  assert.equal(result.tokens, 8);
  assert.ok((result.promptTokens as number) > 0);
  assert.ok((result.ttftMs as number) > 0);
  assert.ok((result.tokensPerSecond as number) > 0);
  assert.equal(result.threads, 1);
  assert.equal(result.stopReason, "max-tokens");
  assert.equal(result.model.quant, "Q8_0");
  assert.equal(result.model.path, models.q8_0);
  assert.equal(result.model.name, TEST_MODEL_NAME);
  assert.equal(typeof result.model.id, "string");
  assert.ok(typeof result.conversationId === "string" && result.conversationId.length > 0);
});

test("chat --prompt streams the answer as text; the REPL answers each line from piped stdin", async () => {
  const single = await enclave(["chat", "--model", models.q4_0, "--prompt", "hi", "--max-tokens", "4", "--threads", "1"]);
  assert.equal(single.code, 0, single.stderr);
  assert.ok(single.stdout.trim().length > 0);
  assert.ok(single.stdout.endsWith("\n"));

  const repl = await enclave(["chat", "--model", models.q4_0, "--max-tokens", "4", "--threads", "1"], { input: "hello\n/regen\n/exit\nnever sent\n" });
  assert.equal(repl.code, 0, repl.stderr);
  assert.equal(repl.stdout.trimEnd().split("\n").length >= 2, true, `two answers: ${JSON.stringify(repl.stdout)}`);
});

test("a missing model file: not-found status and a clear one-line message", async () => {
  const missing = join(work, "no-such-model.gguf");
  assertOneLineError(await enclave(["chat", "--model", missing, "--prompt", "hi", "--json"]), ExitCode.NOT_FOUND, /no-such-model\.gguf/);
  assertOneLineError(await enclave(["models", "inspect", missing]), ExitCode.NOT_FOUND, /no-such-model\.gguf/);
});

test("a corrupt .gguf: invalid-model status", async () => {
  // inspect still describes the file (with its error) and then fails.
  const inspect = await enclave(["models", "inspect", corrupt.badMagic, "--json"]);
  assert.equal(inspect.code, ExitCode.INVALID_MODEL, inspect.stderr);
  assert.equal((JSON.parse(inspect.stdout) as { error: string | null }).error !== null, true);
  assert.match(inspect.stderr, /^enclave: .*bad-magic\.gguf: .+\n$/);
  assertOneLineError(await enclave(["chat", "--model", corrupt.truncated, "--prompt", "hi", "--json"]), ExitCode.INVALID_MODEL, /./);
});

test("usage mistakes exit 2 before starting the engine", async () => {
  const run = await enclave(["models", "list", "--frobnicate"]);
  assert.equal(run.code, ExitCode.USAGE);
  assert.match(run.stderr, /^enclave: unknown option '--frobnicate'/);
  const json = await enclave(["chat", "--model", models.q8_0, "--json"]);
  assert.equal(json.code, ExitCode.USAGE);
  assert.match(json.stderr, /--json needs --prompt/);
});

test("engine info --json reports the data folder it was given", async () => {
  const run = await enclave(["engine", "info", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const info = JSON.parse(run.stdout) as { dataDir: string; version: string };
  assert.equal(info.dataDir, dataDir);
  assert.equal(typeof info.version, "string");
});
