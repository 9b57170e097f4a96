import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuditLog } from "./audit-log.ts";

async function withLog(run: (dir: string, log: AuditLog) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), "enclave-audit-"));
  const log = AuditLog.open(dir);
  try {
    for (let i = 1; i <= 5; i++) log.record("test", { i });
    await run(dir, log);
  } finally {
    log.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const lines = async (log: AuditLog) => (await readFile(log.path, "utf8")).split("\n").filter(Boolean);
const rewrite = (log: AuditLog, ls: string[]) => writeFile(log.path, ls.join("\n") + "\n");

test("an untouched log verifies, records numbered 1..n and chained", async () => {
  await withLog(async (_dir, log) => {
    const v = log.verify();
    assert.equal(v.ok, true);
    assert.equal(v.records, 5);
    const recs = log.list({ limit: 10 });
    assert.deepEqual(recs.map((r) => r.seq), [5, 4, 3, 2, 1]);
    assert.equal(recs[4]!.prev, "0".repeat(64));
    assert.equal(recs[0]!.prev, recs[1]!.hash);
  });
});

test("an edited record is found, on its line", async () => {
  await withLog(async (_dir, log) => {
    const ls = await lines(log);
    ls[2] = ls[2]!.replace('"i":3', '"i":33');
    await rewrite(log, ls);
    const v = log.verify();
    assert.equal(v.ok, false);
    assert.deepEqual([v.problems[0]!.kind, v.problems[0]!.line], ["edited", 3]);
  });
});

test("a deleted record is found", async () => {
  await withLog(async (_dir, log) => {
    const ls = await lines(log);
    ls.splice(1, 1);
    await rewrite(log, ls);
    const v = log.verify();
    assert.deepEqual([v.ok, v.problems[0]!.kind, v.problems[0]!.line], [false, "removed", 2]);
    assert.match(v.problems[0]!.message, /Record 2 is missing/);
  });
});

test("reordered records are found", async () => {
  await withLog(async (_dir, log) => {
    const ls = await lines(log);
    [ls[1], ls[2]] = [ls[2]!, ls[1]!];
    await rewrite(log, ls);
    const v = log.verify();
    assert.equal(v.ok, false);
    assert.equal(v.problems[0]!.line, 2);
    assert.match(v.problems[0]!.kind, /removed|reordered/);
  });
});

test("records cut off the end are found through the head file", async () => {
  await withLog(async (_dir, log) => {
    const ls = await lines(log);
    await rewrite(log, ls.slice(0, 3));
    const v = log.verify();
    assert.deepEqual([v.ok, v.problems[0]!.kind], [false, "truncated"]);
    assert.match(v.problems[0]!.message, /records 4–5 are missing/);
  });
});

test("a torn last line (crash mid-write) is reported, owned up to on reopen, and the chain goes on", async () => {
  await withLog(async (dir, log) => {
    log.close();
    await appendFile(log.path, '{"seq":6,"ts":"2026-');
    const before = AuditLog.open(dir);
    before.record("after", {});
    const v = before.verify();
    before.close();
    assert.equal(v.ok, true);
    assert.deepEqual(v.problems.map((p) => [p.kind, p.line]), [["torn", 6]]);
    const types = (await lines(log)).slice(-2).map((l) => (JSON.parse(l) as { type: string }).type);
    assert.deepEqual(types, ["audit.torn-line", "after"]);
  });
});

test("a broken chain found at open is itself recorded, so rewriting history cannot hide it", async () => {
  await withLog(async (dir, log) => {
    log.close();
    const ls = await lines(log);
    await rewrite(log, ls.slice(0, 2));
    const reopened = AuditLog.open(dir);
    const newest = reopened.list({ limit: 1 })[0]!;
    reopened.close();
    assert.equal(newest.type, "audit.chain-broken");
    assert.equal(newest.seq, 6);
  });
});

test("reset deletes the log and starts a new chain from the genesis", async () => {
  await withLog(async (_dir, log) => {
    log.reset();
    log.record("data.deleteAll", {});
    const recs = log.list({ limit: 10 });
    assert.deepEqual(recs.map((r) => [r.seq, r.type, r.prev]), [[1, "data.deleteAll", "0".repeat(64)]]);
    assert.equal(log.verify().ok, true);
  });
});
