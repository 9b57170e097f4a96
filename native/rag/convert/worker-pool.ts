// Several worker threads running one converter module (pdf-worker, convert-worker), each a
// WorkerHost (one job at a time; an abort terminates only that job's worker). A job takes one of the
// shared WorkerSlots first, then an idle host (started on first use, so the pool never holds more
// workers than jobs ever ran at once). Idle workers stop themselves (WorkerHost's idle timer);
// dispose() stops them all now.
import { EngineError } from "../../contract/errors.ts";
import type { EventHandler } from "./worker-host.ts";
import { WorkerHost } from "./worker-host.ts";
import type { WorkerSlots } from "./worker-slots.ts";

export class WorkerPool<Payload extends object, Event extends object> {
  readonly #hosts: WorkerHost<Payload, Event>[] = [];
  readonly #busy = new Set<WorkerHost<Payload, Event>>();
  #disposed = false;

  /** `module`: the sibling worker module; `reader`: what the user is told stopped ("The PDF reader"). */
  constructor(
    private readonly slots: WorkerSlots,
    private readonly module: string,
    private readonly reader: string,
  ) {}

  async run<T>(payload: Payload, signal: AbortSignal | undefined, handle: EventHandler<Event, T>): Promise<T> {
    if (this.#disposed) throw new EngineError("ENGINE_UNAVAILABLE", `${this.reader} is closed.`);
    const release = await this.slots.acquire(signal);
    const host = this.#idleHost();
    this.#busy.add(host);
    try {
      return await host.run(payload, signal, handle);
    } finally {
      this.#busy.delete(host);
      release();
    }
  }

  /** Workers started and not yet disposed of (for tests). */
  get size(): number {
    return this.#hosts.length;
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all(this.#hosts.map((h) => h.dispose()));
  }

  #idleHost(): WorkerHost<Payload, Event> {
    const idle = this.#hosts.find((h) => !this.#busy.has(h));
    if (idle) return idle;
    const host = new WorkerHost<Payload, Event>(this.module, this.reader);
    this.#hosts.push(host);
    return host;
  }
}
