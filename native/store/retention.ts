// Retention: conversations not touched for longer than the policy's days are deleted, at engine
// start and then once a day, and each purge is reported (the engine audits it).
import type { ConversationStore } from "./conversation-store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeResult {
  deleted: string[];
  before: string;
}

/** Deletes conversations last updated before `now - days`. */
export function purgeExpired(store: ConversationStore, days: number, now: Date = new Date()): PurgeResult {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const deleted = store
    .list()
    .filter((c) => new Date(c.updatedAt) < cutoff)
    .map((c) => c.id)
    .filter((id) => store.delete(id));
  return { deleted, before: cutoff.toISOString() };
}

/** Purges now and every 24 h; returns the function that stops the timer. */
export function scheduleRetention(options: { store: ConversationStore; days: number; onPurge: (result: PurgeResult) => void; onError: (err: unknown) => void }): () => void {
  const run = () => {
    try {
      options.onPurge(purgeExpired(options.store, options.days));
    } catch (err) {
      options.onError(err);
    }
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
