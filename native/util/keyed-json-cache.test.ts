import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { KeyedJsonCache } from "./keyed-json-cache.ts";

const Entry = z.object({ n: z.number() });

test("entries survive a new reader, under the document's own field name", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-kjc-"));
  try {
    const path = join(dir, "c.json");
    await new KeyedJsonCache(path, "enclave.test", "probes", Entry).set("a", { n: 1 });
    assert.deepEqual(await new KeyedJsonCache(path, "enclave.test", "probes", Entry).get("a"), { n: 1 });
    assert.deepEqual(JSON.parse(await readFile(path, "utf8")), { format: "enclave.test", version: 1, probes: { a: { n: 1 } } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a damaged or foreign file reads as empty and is replaced on the next write", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-kjc-"));
  try {
    const path = join(dir, "c.json");
    await writeFile(path, '{"format":"someone.else","version":1,"probes":{"a":{"n":1}}}');
    const cache = new KeyedJsonCache(path, "enclave.test", "probes", Entry);
    assert.equal(await cache.get("a"), undefined);
    await cache.set("b", { n: 2 });
    assert.deepEqual(JSON.parse(await readFile(path, "utf8")).probes, { b: { n: 2 } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
