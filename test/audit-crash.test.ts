// A `kill -9` while the audit log is being written: every record the writer confirmed is still there,
// the chain verifies, and the next open continues it (a torn last line, when the kill lands inside a
// write, is reported and owned up to: that case is forced in native/audit/audit-log.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AuditLog } from "../native/audit/audit-log.ts";

const WRITER = fileURLToPath(new URL("./fixtures/audit-writer.ts", import.meta.url));

async function runAndKill(folder: string, round: number, confirmations: number): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, folder, String(round)], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  let last = -1;
  for await (const line of createInterface({ input: child.stdout })) {
    last = Number(line);
    if (last + 1 >= confirmations) {
      child.kill("SIGKILL");
      break;
    }
  }
  assert.equal(await exited, "SIGKILL");
  return last;
}

test("records confirmed before a kill -9 survive, and the chain verifies and continues", async () => {
  const folder = await mkdtemp(join(tmpdir(), "enclave-audit-crash-"));
  try {
    for (const round of [1, 2, 3]) {
      const lastConfirmed = await runAndKill(folder, round, 40 * round);
      const log = AuditLog.open(folder);
      try {
        const verification = log.verify();
        assert.equal(verification.ok, true, JSON.stringify(verification.problems));
        const written = new Set(log.list({ limit: 1000 }).filter((r) => r.type === "load-test" && r.data.round === round).map((r) => r.data.i as number));
        for (let i = 0; i <= lastConfirmed; i++) assert.ok(written.has(i), `round ${round}: confirmed record ${i} is in the log`);
      } finally {
        log.close();
      }
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
