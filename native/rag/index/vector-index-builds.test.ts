import { test } from "node:test";
import assert from "node:assert/strict";
import type { EngineNoticeEvent } from "../../contract/events.ts";
import type { RagStore } from "./store.ts";
import { VectorIndexBuilds } from "./vector-index-builds.ts";

/** The part of RagStore the builder uses; `build` decides how the build ends. */
function stubStore(due: number | null, build: () => Promise<number | null>, table = "chunks_x"): RagStore & { builds: number } {
  const store = {
    chunksTableName: table,
    closed: false,
    builds: 0,
    vectorIndexDue: async () => due,
    buildVectorIndex: async (options: { onStart?: (rows: number) => void }) => {
      store.builds++;
      options.onStart?.(due ?? 0);
      return build();
    },
  };
  return store as unknown as RagStore & { builds: number };
}

test("a due build is announced when it starts and when it is ready", async () => {
  const notices: EngineNoticeEvent[] = [];
  await new VectorIndexBuilds().schedule(stubStore(25_000, async () => 25_000), (n) => notices.push(n));
  assert.deepEqual(notices.map((n) => [n.level, n.code]), [["info", "VECTOR_INDEX_BUILDING"], ["info", "VECTOR_INDEX_READY"]]);
  assert.equal(notices[0]!.message, "Building the vector index for 25,000 passages…");
  assert.match(notices[1]!.message, /^The vector index for 25,000 passages is ready in \d+ s\.$/);
});

test("nothing due: no build, no notice", async () => {
  const notices: EngineNoticeEvent[] = [];
  const store = stubStore(null, async () => 1);
  await new VectorIndexBuilds().schedule(store, (n) => notices.push(n));
  assert.equal(store.builds, 0);
  assert.deepEqual(notices, []);
});

test("one build at a time per table: a second schedule joins the running one", async () => {
  let finish!: (rows: number) => void;
  const store = stubStore(300, () => new Promise<number>((resolve) => (finish = resolve)));
  const builds = new VectorIndexBuilds();
  const first = builds.schedule(store, () => undefined);
  const second = builds.schedule(store, () => undefined);
  assert.equal(first, second);
  assert.equal(builds.active, true);
  await new Promise((resolve) => setImmediate(resolve));
  finish(300);
  await first;
  assert.equal(store.builds, 1);
  assert.equal(builds.active, false);
});

test("a failed build is a warning that says search still works; the promise never rejects", async () => {
  const notices: EngineNoticeEvent[] = [];
  await new VectorIndexBuilds().schedule(stubStore(300, async () => Promise.reject(new Error("disk full"))), (n) => notices.push(n));
  const last = notices.at(-1)!;
  assert.equal(last.level, "warning");
  assert.equal(last.code, "VECTOR_INDEX_FAILED");
  assert.match(last.message, /disk full.*Search still works/);
});

test("after stop(), a failure is not reported and nothing new starts", async () => {
  const notices: EngineNoticeEvent[] = [];
  let fail!: (err: Error) => void;
  const builds = new VectorIndexBuilds();
  const running = builds.schedule(stubStore(300, () => new Promise<number>((_, reject) => (fail = reject))), (n) => notices.push(n));
  await new Promise((resolve) => setImmediate(resolve));
  builds.stop();
  fail(new Error("The RAG store is closed."));
  await running;
  assert.deepEqual(notices.map((n) => n.code), ["VECTOR_INDEX_BUILDING"]);
  const later = stubStore(300, async () => 300, "chunks_y");
  await builds.schedule(later, (n) => notices.push(n));
  assert.equal(later.builds, 0);
});

test("a listener that throws does not turn a finished build into a failure", async () => {
  const seen: string[] = [];
  await new VectorIndexBuilds().schedule(stubStore(300, async () => 300), (n) => {
    seen.push(n.code!);
    throw new Error("port closed");
  });
  assert.deepEqual(seen, ["VECTOR_INDEX_BUILDING", "VECTOR_INDEX_READY"]);
});
