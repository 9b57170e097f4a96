// `npm run bench:threads`: threads under load. Decode and prefill of the bench model through the
// engine with 1 and with all cores fixed, and with Enclave's own choice (the thread probe, lowered
// while other processes keep cores busy), first on the idle machine, then with one core kept busy by
// another process (a spinning `node`). Target (issue 13): the chosen count within 10% of the best
// fixed count in both states. A second "auto" row starts from a probe that chose all cores (as on a
// machine where that is fastest when idle) to show the load check lowering it: on a 2-core machine
// the probe usually chooses 1 thread already, which is right under load by itself.
// Usage: npm run bench:threads [-- --model file.gguf] [--tokens 32] [--repeats 2]
import { parseArgs } from "node:util";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startEngine } from "../native/client/start-engine.ts";
import { getBenchModel } from "../test/fixtures/test-models.ts";
import { median } from "./median.ts";

const { values } = parseArgs({ options: { model: { type: "string" }, tokens: { type: "string", default: "32" }, repeats: { type: "string", default: "2" } } });
const tokens = Number(values.tokens);
const repeats = Number(values.repeats);
const cores = availableParallelism();
const modelPath = values.model ?? (await getBenchModel());
const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-threads-"));

interface Row {
  label: string;
  threads: number;
  note?: string;
  prefill: number;
  decode: number;
}

/** Loads with `threads` (null: Enclave's choice) and answers `repeats` fresh questions. */
async function measure(label: string, threads: number | null): Promise<Row> {
  const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: "" } });
  try {
    const loaded = await client.call("inference.load", { model: modelPath, contextSize: 1024, ...(threads ? { threads } : {}) });
    const decode: number[] = [];
    const prefill: number[] = [];
    let used = loaded.threads;
    for (let i = 0; i < repeats; i++) {
      const c = await client.call("conversations.create", {});
      const r = await client.call("chat.send", { conversationId: c.id, text: `(${i + 1}) Summarise why analysts keep confidential documents on their own machine.`, sampling: { temperature: 0, maxTokens: tokens } });
      const s = r.assistantMessage.stats!;
      decode.push(s.tokensPerSecond);
      prefill.push((s.evaluatedPromptTokens * 1000) / s.ttftMs);
      used = s.threads;
    }
    const status = await client.call("inference.status", {});
    return { label, threads: used, ...(status.loaded?.threadsNote ? { note: status.loaded.threadsNote } : {}), prefill: median(prefill), decode: median(decode) };
  } finally {
    await client.close();
  }
}

/** Makes the stored probe say `chosen` threads (as on a machine where that many were fastest). */
async function forceProbe(chosen: number): Promise<void> {
  const path = join(dataDir, "thread-probes.json");
  const doc = JSON.parse(await readFile(path, "utf8")) as { probes: Record<string, { chosen: number; othersBusyCores?: number }> };
  for (const probe of Object.values(doc.probes)) Object.assign(probe, { chosen, othersBusyCores: 0 });
  await writeFile(path, JSON.stringify(doc));
}

function table(title: string, rows: Row[]): void {
  const fixed = rows.filter((r) => r.label.startsWith("fixed"));
  const best = Math.max(...fixed.map((r) => r.decode));
  console.log(`\n### ${title} (load average ${(loadavg()[0] ?? 0).toFixed(2)} at the end)\n`);
  console.log("| run | threads used | prefill tok/s | decode tok/s | decode vs best fixed |");
  console.log("|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.label}${r.note ? ` (${r.note})` : ""} | ${r.threads} | ${r.prefill.toFixed(1)} | ${r.decode.toFixed(1)} | ${((r.decode / best) * 100).toFixed(0)}% |`);
  for (const r of rows.filter((x) => x.label.startsWith("auto"))) {
    console.log(`\n${r.label}: ${r.decode >= best * 0.9 ? "within" : "NOT within"} 10% of the best fixed count (target).`);
  }
}

let spinner: ChildProcess | undefined;
try {
  console.log(`# Threads under load — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus()[0]?.model.trim()} × ${cores}; load average ${(loadavg()[0] ?? 0).toFixed(2)} at start; model ${modelPath}; greedy, ${tokens} tokens, median of ${repeats}`);
  const idle: Row[] = [];
  idle.push(await measure("auto (probe measured now)", null));
  idle.push(await measure("fixed 1", 1));
  if (cores > 1) idle.push(await measure(`fixed ${cores}`, cores));
  table("Idle machine", idle);

  spinner = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
  await sleep(5_000); // the engine's load reading covers the last 2–4 s
  const busy: Row[] = [];
  busy.push(await measure("auto (stored probe)", null));
  await forceProbe(cores);
  busy.push(await measure(`auto (stored probe forced to ${cores})`, null));
  busy.push(await measure("fixed 1", 1));
  if (cores > 1) busy.push(await measure(`fixed ${cores}`, cores));
  table("One core kept busy by another process", busy);
} finally {
  spinner?.kill();
  await rm(dataDir, { recursive: true, force: true });
}
