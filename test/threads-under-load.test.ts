// Threads under load, through the real model host and llama.cpp: the probe's count is lowered while
// another process keeps a core busy and goes back up once it is free; the conversation keeps working
// across the change; a probe taken under load is measured again on an idle machine. The CPU load is
// the one thing simulated (a fake sampler the test sets): a real busy process would make the test
// depend on the machine it runs on.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism, tmpdir } from "node:os";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_SETTINGS } from "../native/contract/settings.ts";
import type { ThreadProbe } from "../native/contract/inference.ts";
import { ModelHost } from "../native/inference/model-host.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { machineKey } from "../native/inference/thread-probe.ts";
import { ThreadProbeCache } from "../native/inference/thread-probe-cache.ts";
import { runChatTurn } from "../native/inference/chat-turn.ts";
import { ModelLibrary } from "../native/models/library.ts";
import { getTestModels } from "./fixtures/test-models.ts";

const twoCores = availableParallelism() >= 2;
const skip = twoCores ? false : "needs at least 2 cores to lower a thread count";

let dataDir: string;
let runtime: LlamaRuntime;
let library: ModelLibrary;
let host: ModelHost | undefined;
const load = { busy: 0, start: () => load, othersBusyCores: () => load.busy, dispose: () => undefined };
const quiet = { signal: new AbortController().signal, onProgress: () => undefined };

/** A host whose probe store holds `probe` for the model (a host reads its store once). */
async function hostWithProbe(path: string, probe: Partial<ThreadProbe>): Promise<ModelHost> {
  const entry = (await library.inspect(path)) as { id: string; sizeBytes: number };
  const full: ThreadProbe = { machineKey: machineKey(), chosen: 2, measurements: [{ threads: 1, decodeTokensPerSecond: 10, prefillMs: 10 }, { threads: 2, decodeTokensPerSecond: 11, prefillMs: 6 }], measuredAt: new Date().toISOString(), ...probe };
  const dir = await mkdtemp(join(dataDir, "host-"));
  await writeFile(join(dir, "thread-probes.json"), JSON.stringify({ format: "enclave.thread-probes", version: 1, probes: { [ThreadProbeCache.modelKey(entry)]: full } }));
  await host?.dispose();
  const resolver = { resolve: async (ref: string) => (await library.inspect(ref)) as never, estimate: async () => null };
  host = new ModelHost({ runtime, resolver, settings: () => ({ ...DEFAULT_SETTINGS, threads: null }), dataDir: dir, cpuLoad: load });
  return host;
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "enclave-threads-load-"));
  runtime = new LlamaRuntime({ gpu: false });
  library = await ModelLibrary.open({ dataDir, runtime, isOffline: () => true, downloadDir: () => dataDir });
});

after(async () => {
  await host?.dispose();
  await library?.dispose();
  await runtime?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

test("a busy core lowers the probe's count at once; two idle readings raise it again", { skip }, async () => {
  const { q8_0 } = await getTestModels();
  const host = await hostWithProbe(q8_0, { othersBusyCores: 0 });
  load.busy = 1;
  const loaded = await host.load({ model: q8_0, contextSize: 256 }, quiet);
  assert.equal(loaded.threadsSource, "cached-probe");
  assert.equal(loaded.threads, 1, "one core is busy: one thread");
  assert.equal(loaded.threadsPlanned, 2);
  assert.match(loaded.threadsNote ?? "", /1 core busy with other work: 1 thread instead of 2/);

  load.busy = 0;
  assert.equal(await host.withLoaded(async (l) => l.context.idealThreads), 1, "one idle reading is not enough to go back up");
  assert.equal(await host.withLoaded(async (l) => l.context.idealThreads), 2, "the second idle reading makes the context again with 2");
  assert.equal(host.loadedInfo?.threads, 2);
  assert.equal(host.loadedInfo?.threadsNote, undefined);

  load.busy = 1.2;
  const answer = await host.withLoaded((l) =>
    runChatTurn(l, { conversationId: "c", systemPrompt: "", history: [], userText: "Hello", sampling: { maxTokens: 4, temperature: 0 }, signal: new AbortController().signal, onDelta: () => undefined }),
  );
  assert.equal(answer.stats.threads, 1, "the answer ran (and says it ran) on the one free core");
  assert.ok(answer.stats.outputTokens >= 1, "the remade context still answers");
  await host.unload();
});

test("a manual count is never lowered", { skip }, async () => {
  const { q8_0 } = await getTestModels();
  const host = await hostWithProbe(q8_0, { othersBusyCores: 0 });
  load.busy = 1;
  const loaded = await host.load({ model: q8_0, contextSize: 256, threads: 2 }, quiet);
  assert.equal(loaded.threads, 2);
  assert.equal(await host.withLoaded(async (l) => l.context.idealThreads), 2);
  await host.unload();
});

test("a probe taken under load is measured again once the machine is idle", { skip }, async () => {
  const { q8_0 } = await getTestModels();
  const host = await hostWithProbe(q8_0, { chosen: 1, othersBusyCores: 1 });
  load.busy = 0;
  const loaded = await host.load({ model: q8_0, contextSize: 256 }, quiet);
  assert.equal(loaded.threadsSource, "probe", "measured again");
  assert.equal(loaded.probe?.othersBusyCores, 0, "and the new probe records the load it ran under");
  await host.unload();
});
