// The typed client over a supervised engine process. It validates what it sends and receives against
// the contract, routes events to the call that caused them, and — when the engine dies — fails every
// call in flight with ENGINE_CRASHED (no caller hangs), tells listeners, and starts a new engine
// according to the restart policy. Calls made while the engine restarts wait for it.
import { randomUUID } from "node:crypto";
import { methods, type MethodName } from "../contract/index.ts";
import { EngineError, formatZodError } from "../contract/errors.ts";
import { events, type EventName, type EventPayload } from "../contract/events.ts";
import { FromEngineMessage } from "../transport/protocol.ts";
import type { EngineLaunchOptions, EngineTransport, ExitInfo, TransportFactory } from "../transport/types.ts";
import { RestartPolicy } from "./restart-policy.ts";
import type { CallOptions, EngineClient, Input, Output } from "./types.ts";

interface PendingCall {
  method: MethodName;
  resolve(value: unknown): void;
  reject(err: EngineError): void;
  onEvent: CallOptions["onEvent"];
}

type NoticeListener = (payload: EventPayload<"engine.notice">) => void;

export interface SupervisedClientOptions extends EngineLaunchOptions {
  createTransport: TransportFactory;
  policy?: RestartPolicy;
  /** How long to wait for a new engine's "ready" before counting the start as a crash. */
  startTimeoutMs?: number;
}

export class SupervisedEngineClient implements EngineClient {
  readonly #options: SupervisedClientOptions;
  readonly #policy: RestartPolicy;
  readonly #pending = new Map<string, PendingCall>();
  readonly #noticeListeners = new Set<NoticeListener>();
  #transport: EngineTransport | undefined;
  #transportExited = false;
  #ready: Promise<void> | undefined;
  /** Whether any engine of this client reached "ready": a first start that fails is not retried. */
  #everReady = false;
  #closed = false;
  #unavailable: EngineError | undefined;
  #restarts = 0;

  private constructor(options: SupervisedClientOptions) {
    this.#options = options;
    this.#policy = options.policy ?? new RestartPolicy();
  }

  /** Starts the engine and resolves once it reports ready. */
  static async start(options: SupervisedClientOptions): Promise<SupervisedEngineClient> {
    const client = new SupervisedEngineClient(options);
    try {
      await client.#launch();
    } catch (err) {
      // The first start failing is reported to the caller, not retried behind its back.
      client.#closed = true;
      client.#transport?.kill("SIGKILL");
      throw err;
    }
    return client;
  }

  get pid(): number | undefined {
    return this.#transport?.pid;
  }

  /** How many times the engine has been restarted after a crash. */
  get restarts(): number {
    return this.#restarts;
  }

  async call<M extends MethodName>(method: M, input: Input<M>, options: CallOptions = {}): Promise<Output<M>> {
    if (this.#closed) throw new EngineError("ENGINE_UNAVAILABLE", "The engine client is closed.");
    if (!Object.hasOwn(methods, method)) throw new EngineError("UNKNOWN_METHOD", `Unknown method "${String(method)}".`);
    const spec = methods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new EngineError("INVALID_INPUT", `${method}: ${formatZodError(parsed.error)}`);
    options.signal?.throwIfAborted();
    await this.#whenReady();
    const transport = this.#transport!;
    const id = randomUUID();
    return new Promise<Output<M>>((resolve, reject) => {
      const onAbort = () => transport.send({ type: "cancel", id });
      const settle = () => options.signal?.removeEventListener("abort", onAbort);
      this.#pending.set(id, {
        method,
        resolve: (value) => {
          settle();
          resolve(value as Output<M>);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
        onEvent: options.onEvent,
      });
      options.signal?.addEventListener("abort", onAbort, { once: true });
      transport.send({ type: "call", id, method, input: parsed.data });
    });
  }

  onNotice(listener: NoticeListener): () => void {
    this.#noticeListeners.add(listener);
    return () => this.#noticeListeners.delete(listener);
  }

  /** Kills the engine as a crash would (tests, and the "restart engine" action). */
  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    this.#transport?.kill(signal);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const transport = this.#transport;
    this.#failAll(new EngineError("ENGINE_UNAVAILABLE", "The engine was shut down."));
    if (!transport || this.#transportExited) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        transport.kill("SIGKILL");
        resolve();
      }, 5_000);
      transport.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      transport.send({ type: "shutdown" });
    });
  }

  async #whenReady(): Promise<void> {
    // A restart replaces #ready; a start that failed while another is already scheduled is not final.
    for (;;) {
      if (this.#unavailable) throw this.#unavailable;
      const ready = this.#ready;
      try {
        await ready;
        return;
      } catch (err) {
        if (this.#ready === ready || this.#closed) throw err;
      }
    }
  }

  #launch(): Promise<void> {
    const transport = this.#options.createTransport(this.#options);
    this.#transport = transport;
    this.#transportExited = false;
    this.#ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new EngineError("ENGINE_UNAVAILABLE", "The engine did not start in time."));
        transport.kill("SIGKILL");
      }, this.#options.startTimeoutMs ?? 60_000);
      transport.onMessage((raw) => {
        const parsed = FromEngineMessage.safeParse(raw);
        if (!parsed.success) return; // not ours: a malformed message is dropped, never trusted
        const message = parsed.data;
        if (message.type === "ready") {
          clearTimeout(timer);
          this.#everReady = true;
          resolve();
        } else if (message.type === "result") this.#onResult(message);
        else this.#onEvent(message.name, message.payload);
      });
      transport.onExit((info) => {
        clearTimeout(timer);
        if (this.#transport === transport) this.#transportExited = true;
        reject(new EngineError("ENGINE_UNAVAILABLE", `The engine exited while starting (${describeExit(info)}).`));
        // A first start that fails is the caller's to report; after that, every exit is a crash
        // (including a restarted engine that dies while starting) and goes through the policy.
        if (this.#transport === transport && this.#everReady) this.#onExit(info);
      });
    });
    return this.#ready;
  }

  #onResult(message: FromEngineMessage & { type: "result" }): void {
    const call = this.#pending.get(message.id);
    if (!call) return;
    this.#pending.delete(message.id);
    if (!message.ok) {
      call.reject(EngineError.fromWire(message.error));
      return;
    }
    const checked = methods[call.method].output.safeParse(message.output);
    if (checked.success) call.resolve(checked.data);
    else call.reject(new EngineError("INTERNAL", `${call.method}: the engine sent a malformed result: ${formatZodError(checked.error)}`));
  }

  #onEvent(name: string, payload: unknown): void {
    if (!Object.hasOwn(events, name)) return;
    const schema = events[name as EventName];
    const checked = schema.safeParse(payload);
    if (!checked.success) return;
    const data = checked.data as { requestId?: string };
    if (name === "engine.notice") {
      for (const listener of this.#noticeListeners) listener(checked.data as EventPayload<"engine.notice">);
      return;
    }
    const call = data.requestId === undefined ? undefined : this.#pending.get(data.requestId);
    call?.onEvent?.(name as EventName, checked.data as EventPayload<EventName>);
  }

  #onExit(info: ExitInfo): void {
    if (this.#closed) return;
    const reason = describeExit(info);
    this.#failAll(new EngineError("ENGINE_CRASHED", `The engine stopped unexpectedly (${reason}); it is being restarted.`, { exit: reason }));
    const decision = this.#policy.onCrash(Date.now());
    if (!decision.restart) {
      this.#unavailable = new EngineError("ENGINE_UNAVAILABLE", decision.reason);
      this.#notify({ level: "error", code: "ENGINE_UNAVAILABLE", message: decision.reason });
      return;
    }
    this.#notify({ level: "warning", code: "ENGINE_CRASHED", message: `The engine stopped unexpectedly (${reason}) and was restarted. Nothing saved was lost.` });
    this.#ready = new Promise<void>((resolve) => setTimeout(resolve, decision.delayMs)).then(() => {
      if (this.#closed) throw new EngineError("ENGINE_UNAVAILABLE", "The engine client is closed.");
      this.#restarts += 1;
      return this.#launch();
    });
    this.#ready.catch(() => undefined); // a failed start is handled by #onExit of that transport
  }

  #failAll(err: EngineError): void {
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) call.reject(err);
  }

  #notify(payload: EventPayload<"engine.notice">): void {
    for (const listener of this.#noticeListeners) listener(payload);
  }
}

function describeExit(info: ExitInfo): string {
  if (info.signal) return `signal ${info.signal}`;
  if (info.code !== null) return `exit code ${info.code}`;
  return "it could not be started";
}
