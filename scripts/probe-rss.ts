// Resident memory of the engine across repeated model switches (Q8_0 ↔ Q4_0 of the test model): the
// RSS after each load, in MB. A leak grows steadily; garbage V8 has not yet collected shows as a
// sawtooth. Usage: node --import tsx scripts/probe-rss.ts [switches=60]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEngine } from "../native/client/start-engine.ts";
import { getTestModels } from "../test/fixtures/test-models.ts";

const switches = Number(process.argv[2] ?? 60);
const models = await getTestModels();
const dataDir = await mkdtemp(join(tmpdir(), "enclave-probe-rss-"));
const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: "1" } });
try {
  const rss: number[] = [];
  for (let i = 0; i < switches; i++) {
    await client.call("inference.load", { model: i % 2 ? models.q4_0 : models.q8_0, contextSize: 256 });
    rss.push(Math.round((await client.call("inference.status", {})).rssBytes / 1e6));
  }
  console.log(`RSS MB after each of ${switches} loads: ${rss.join(" ")}`);
} finally {
  await client.close();
  await rm(dataDir, { recursive: true, force: true });
}
