// `npm run bench:split`: splits a decoded token's cost through node-llama-cpp into the decode,
// the output layer + logits (what a token costs more when its logits are asked for), the sampler
// (native, `AddonContext.sampleToken`) and the JS around them (sequence.evaluate, then LlamaChat as
// Enclave's chat turn runs it), on the bench model and on small models that differ only in their
// vocabulary size, to show what grows with the vocabulary (issue 13, point 2). CPU time per token
// (all threads of this process) is the figure to read on a shared machine: wall time also counts
// the waits for a core that other processes hold.
// Rows, per token:
//   B0  decode one token, no logits (`evaluateWithoutGeneratingNewTokens`: llama.cpp then skips
//       the output layer and the last block's feed-forward, which only feed the logits)
//   B1  decode one token with its logits, nothing sampled (node-llama-cpp's internal `_evaluate`
//       with `_noSampling`): what llama-bench's decode does
//   C   `sequence.evaluate` greedy; C+ with Enclave's default sampling (settings.ts)
//   D   `LlamaChatSession.prompt` greedy (Enclave's chat path); D+r with the default sampling and
//       the repeat penalty (Enclave's defaults). Every row decodes after D's prompt (the chat
//       template around one question), so all run at the same KV depth.
//   S   the native sampler alone: `sampleToken` called again on the same logits (greedy; default;
//       default with the repeat penalty over 64 tokens), and the same asked for the sampled token's
//       confidence, as a speculative draft is on every token
// Usage: npm run bench:split [-- --tokens 128] [--vocab 32000,65536,128256,151936] [--no-bench-model]
import { parseArgs } from "node:util";
import { loadavg } from "node:os";
import { getLlama, LlamaChatSession, LlamaLogLevel, type Llama, type LlamaContextSequence, type Token } from "node-llama-cpp";
import { getBenchModel } from "../test/fixtures/test-models.ts";
import { getVocabModel } from "../test/fixtures/vocab-models.ts";
import { timed, type PerToken } from "./per-token-time.ts";

const { values } = parseArgs({
  options: { tokens: { type: "string", default: "128" }, vocab: { type: "string", default: "32000,65536,128256,151936" }, "no-bench-model": { type: "boolean", default: false } },
});
const tokens = Number(values.tokens);
const SAMPLE_CALLS = 200;
const QUESTION = "Summarise why analysts keep confidential documents on their own machine.";
/** Enclave's default sampling (native/contract/settings.ts), with a fixed seed. */
const DEFAULT_SAMPLING = { temperature: 0.7, topP: 0.95, topK: 40, minP: 0.05, seed: 1 };
const REPEAT_PENALTY = { penalty: 1.1 };

/** The internal members this script reaches into (node-llama-cpp 3.21.1): named, not `any`. */
interface AddonContextLike { sampleToken(batchLogitIndex: number, sampler: object, probabilities?: boolean, confidence?: boolean): Promise<unknown> }
interface SequenceInternals {
  _context: { _ctx: AddonContextLike };
  _evaluate(tokens: Token[], metadata: object, options: { _noSampling: boolean }): AsyncGenerator<unknown>;
}

async function profileModel(llama: Llama, label: string, modelPath: string): Promise<void> {
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 2048, threads: { ideal: 1, min: 1 } });
  const sequence = context.getSequence();
  const internals = sequence as unknown as SequenceInternals;
  const addon = internals._context._ctx;
  const sampleToken = addon.sampleToken.bind(addon);
  let lastSampleArgs: [number, object] | undefined;
  Object.defineProperty(addon, "sampleToken", { value: (index: number, sampler: object, ...rest: unknown[]) => {
    lastSampleArgs = [index, sampler];
    return (sampleToken as (...a: unknown[]) => Promise<unknown>)(index, sampler, ...rest);
  } });
  const filler = model.tokenize(" the")[0] as Token;
  const rows: [string, PerToken][] = [];
  try {
    // D first: its prompt (the chat template around the question) is then the prompt of every other
    // row, so all decode at the same KV depth (attention's cost grows with it).
    let chatPrompt: Token[] = [];
    const chatRow = async (name: string, options: Parameters<LlamaChatSession["prompt"]>[1]) => {
      await sequence.clearHistory();
      const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
      // Timed from the first generated token to the last, so the prefill is left out as in C.
      let first: { cpu: NodeJS.CpuUsage; wall: number } | undefined;
      let last: { cpu: NodeJS.CpuUsage; wall: number } | undefined;
      let generated = 0;
      let afterFirst = 0;
      try {
        await session.prompt(QUESTION, {
          ...options, maxTokens: tokens + 1,
          onToken: (chunk) => {
            const now = { cpu: process.cpuUsage(), wall: performance.now() };
            if (generated === 0) first = now;
            else [last, afterFirst] = [now, afterFirst + chunk.length];
            generated += chunk.length;
          },
        });
      } finally {
        session.dispose({ disposeSequence: false });
      }
      const lastCpuMs = (last!.cpu.user + last!.cpu.system - first!.cpu.user - first!.cpu.system) / 1000;
      rows.push([name, { wallMs: (last!.wall - first!.wall) / afterFirst, cpuMs: lastCpuMs / afterFirst }]);
      chatPrompt = sequence.contextTokens.slice(0, sequence.nextTokenIndex - generated);
    };
    await chatRow("D chat session, greedy", { temperature: 0 });
    await chatRow("D+r chat session, default sampling + repeat penalty", { ...DEFAULT_SAMPLING, repeatPenalty: REPEAT_PENALTY });
    const prompt = chatPrompt;
    await sequence.clearHistory();
    await sequence.evaluateWithoutGeneratingNewTokens(prompt);
    rows.push(["B0 decode, no logits", await timed(tokens, async () => {
      for (let i = 0; i < tokens; i++) await sequence.evaluateWithoutGeneratingNewTokens([filler]);
    })]);
    await sequence.clearHistory();
    await sequence.evaluateWithoutGeneratingNewTokens(prompt);
    rows.push(["B1 decode + logits, no sampling", await timed(tokens, async () => {
      for (let i = 0; i < tokens; i++) for await (const _ of internals._evaluate([filler], {}, { _noSampling: true })) { /* yields nothing */ }
    })]);
    const evaluateRow = async (name: string, options: Parameters<LlamaContextSequence["evaluate"]>[1]) => {
      await sequence.clearHistory();
      const iterator = sequence.evaluate(prompt, options)[Symbol.asyncIterator]();
      await iterator.next();
      rows.push([name, await timed(tokens, async () => {
        for (let i = 0; i < tokens; i++) await iterator.next();
      })]);
      // The generator is paused at a yield: the last decode's logits are still there to sample again.
      const [index, sampler] = lastSampleArgs!;
      rows.push([`S ${name.slice(name.indexOf(" ") + 1)}: sampler alone`, await timed(SAMPLE_CALLS, async () => {
        for (let i = 0; i < SAMPLE_CALLS; i++) await sampleToken(index, sampler);
      })]);
      // What a speculative draft asks for every token it proposes (DraftSequenceTokenPredictor
      // evaluates with `confidence: true`): the sampled token's probability.
      rows.push([`S ${name.slice(name.indexOf(" ") + 1)}: sampler alone, with confidence`, await timed(SAMPLE_CALLS, async () => {
        for (let i = 0; i < SAMPLE_CALLS; i++) await sampleToken(index, sampler, false, true);
      })]);
      await iterator.return?.();
    };
    await evaluateRow("C evaluate, greedy", { temperature: 0 });
    await evaluateRow("C+ evaluate, default sampling", DEFAULT_SAMPLING);
    await evaluateRow("C+r evaluate, default sampling + repeat penalty", {
      ...DEFAULT_SAMPLING, repeatPenalty: { ...REPEAT_PENALTY, punishTokens: () => sequence.contextTokens.slice(-64) },
    });
  } finally {
    await context.dispose();
    await model.dispose();
  }
  for (const [way, p] of rows) console.log(`| ${label} | ${way} | ${p.wallMs.toFixed(2)} | ${p.cpuMs.toFixed(3)} |`);
}

const llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
console.log(`# Decode split — ${new Date().toISOString()}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at start; 1 thread; ${tokens} tokens\n`);
console.log("| model | way (per token; S: per sampleToken call) | wall ms | CPU ms |");
console.log("|---|---|---|---|");
try {
  if (!values["no-bench-model"]) await profileModel(llama, "bench 322M, 32k vocab", await getBenchModel());
  for (const nVocab of values.vocab.split(",").filter(Boolean).map(Number)) await profileModel(llama, `small, ${nVocab} vocab`, await getVocabModel(nVocab));
} finally {
  await llama.dispose();
}
console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at the end`);
