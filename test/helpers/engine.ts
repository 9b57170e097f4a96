// Starts a real engine process for an integration test, in a temporary data folder, CPU only and
// pinned to one thread (the CI machine has 2 cores; more threads there are ~400× slower).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEngine } from "../../native/client/start-engine.ts";
import type { SupervisedEngineClient } from "../../native/client/supervised-client.ts";

export interface TestEngine {
  client: SupervisedEngineClient;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestEngine(options: { threads?: number | null; env?: Record<string, string | undefined>; dataDir?: string } = {}): Promise<TestEngine> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "enclave-test-")));
  const threads = options.threads === undefined ? 1 : options.threads;
  const client = await startEngine({
    dataDir,
    gpu: false,
    env: { ENCLAVE_THREADS: threads === null ? "" : String(threads), ...options.env },
  });
  return {
    client,
    dataDir,
    async close() {
      await client.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
