// Builds the IVF_PQ vector index in the background, after the ingest that made it due has returned.
// The build takes minutes at 100k rows on 2 cores and LanceDB cannot interrupt it, while full-text
// and flat (exact) vector search already answer correctly without it: nothing needs to wait for it.
// One build at a time per chunks table. It takes the store's write lock, so a later ingest's writes
// wait for it rather than race it (and can be cancelled while they wait). The user hears of it
// through `engine.notice` events: when it starts, when it is ready, and a warning if it fails
// (search then stays flat, which is correct, and the next ingest tries again).
import type { EngineNoticeEvent } from "../../contract/events.ts";
import type { RagStore } from "./store.ts";

export type Notify = (notice: EngineNoticeEvent) => void;

export class VectorIndexBuilds {
  readonly #running = new Map<string, Promise<void>>();
  #stopped = false;

  /**
   * Starts a build on `store` when one is due and none runs for its table. Resolves when that build
   * (or the one already running) ends; never rejects: failures are reported through `notify`.
   */
  schedule(store: RagStore, notify: Notify, options: { force?: boolean } = {}): Promise<void> {
    const key = store.chunksTableName;
    const running = this.#running.get(key);
    if (running) return running;
    if (this.#stopped) return Promise.resolve();
    const build = this.#build(store, safe(notify), options).finally(() => this.#running.delete(key));
    this.#running.set(key, build);
    return build;
  }

  /** Whether a build is queued or running (for tests and diagnostics). */
  get active(): boolean {
    return this.#running.size > 0;
  }

  /** Shutdown: no new builds; the running one is abandoned (see RagStore.close) and not reported. */
  stop(): void {
    this.#stopped = true;
  }

  async #build(store: RagStore, notify: Notify, options: { force?: boolean }): Promise<void> {
    let started = 0;
    try {
      if ((await store.vectorIndexDue(options)) === null) return;
      const rows = await store.buildVectorIndex({
        ...options,
        onStart: (n) => {
          started = performance.now();
          notify({ level: "info", code: "VECTOR_INDEX_BUILDING", message: `Building the vector index for ${count(n)} passages…` });
        },
      });
      if (rows === null) return;
      const seconds = Math.max(1, Math.round((performance.now() - started) / 1000));
      notify({ level: "info", code: "VECTOR_INDEX_READY", message: `The vector index for ${count(rows)} passages is ready in ${seconds} s.` });
    } catch (err) {
      // A store closed under a queued build (shutdown, embedder switch) is not a failure to report.
      if (this.#stopped || store.closed) return;
      notify({
        level: "warning",
        code: "VECTOR_INDEX_FAILED",
        message: `Building the vector index failed (${(err as Error).message}). Search still works, without the index (slower on large collections); the next ingest tries again.`,
      });
    }
  }
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** A listener that throws (a closed port) must not turn a finished build into a failure. */
function safe(notify: Notify): Notify {
  return (notice) => {
    try {
      notify(notice);
    } catch {
      // nobody left to tell
    }
  };
}
