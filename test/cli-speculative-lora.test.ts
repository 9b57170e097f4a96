// `enclave chat --lora`, `--draft` and `--prompt-lookup` through the real engine on the test models.
// The random-weight models cannot show a speed-up (a draft of noise is mostly refuted, and prompt
// lookup finds little to copy), so these check the mechanics: the option reaches the engine, the
// adapter changes greedy output, and every answer reports predictions validated and refuted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExitCode } from "../native/host/exit-codes.ts";
import { runEnclave, type CliRun } from "./helpers/cli.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";

let models: TestModels;
let work: string;
const enclave = (args: string[]): Promise<CliRun> => runEnclave(join(work, "data"), args, { timeoutMs: 180_000 });
const BASE = ["chat", "--prompt", "Tell me about the sea and the sea and the sea.", "--json", "--max-tokens", "12", "--threads", "1", "--temperature", "0"];

interface Answer {
  text: string;
  lora?: { path: string; scale: number }[];
  speculative?: { predictor: string; validated: number; refuted: number; acceptanceRate: number | null };
}

before(async () => {
  models = await getTestModels();
  work = await mkdtemp(join(tmpdir(), "enclave-cli-spec-"));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

test("--lora file:scale applies the adapter: greedy output changes, and the answer says which", { timeout: 300_000 }, async () => {
  const plain = await enclave([...BASE, "--model", models.q8_0]);
  assert.equal(plain.code, 0, plain.stderr);
  const adapted = await enclave([...BASE, "--model", models.q8_0, "--lora", `${models.lora}:2`]);
  assert.equal(adapted.code, 0, adapted.stderr);
  const a = JSON.parse(adapted.stdout) as Answer;
  assert.deepEqual(a.lora, [{ path: models.lora, scale: 2 }]);
  assert.equal((JSON.parse(plain.stdout) as Answer).lora, undefined);
  assert.notEqual(a.text, (JSON.parse(plain.stdout) as Answer).text, "the adapter changed the greedy answer");
  const notAdapter = await enclave([...BASE, "--model", models.q8_0, "--lora", models.q4_0]);
  assert.notEqual(notAdapter.code, ExitCode.OK);
  assert.match(notAdapter.stderr, /^enclave: /);
});

test("--draft and --prompt-lookup report the predictions of each answer; output is unchanged by a draft", { timeout: 300_000 }, async () => {
  const plain = JSON.parse((await enclave([...BASE, "--model", models.q8_0])).stdout) as Answer;
  // A random-weight draft is never 60% sure of a token (node-llama-cpp's default floor), so it would
  // never propose one: 0 makes it draft every time, which is what exercises the mechanics here.
  const drafted = await enclave([...BASE, "--model", models.q8_0, "--draft", models.q4_0, "--draft-min-confidence", "0"]);
  assert.equal(drafted.code, 0, drafted.stderr);
  const d = JSON.parse(drafted.stdout) as Answer;
  assert.equal(d.speculative?.predictor, "draft");
  assert.ok(d.speculative.validated + d.speculative.refuted > 0, "the draft proposed tokens");
  assert.equal(d.speculative.acceptanceRate, d.speculative.validated / (d.speculative.validated + d.speculative.refuted));
  // Greedy speculative decoding keeps exactly the tokens the main model would choose.
  assert.equal(d.text, plain.text);

  const lookup = await enclave([...BASE, "--model", models.q8_0, "--prompt-lookup"]);
  assert.equal(lookup.code, 0, lookup.stderr);
  const l = JSON.parse(lookup.stdout) as Answer;
  assert.equal(l.speculative?.predictor, "prompt-lookup");
  assert.ok(l.speculative.validated >= 0 && l.speculative.refuted >= 0);
  assert.equal(l.text, plain.text);

  const both = await enclave([...BASE, "--model", models.q8_0, "--prompt-lookup", "--draft", models.q4_0]);
  assert.equal(both.code, ExitCode.USAGE);
});
