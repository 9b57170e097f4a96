// One front-end's connection to the engine through its host: an Electron window over IPC, or a
// browser tab over the web host's WebSocket. Both hosts use this, so a message from a front-end is
// checked the same way wherever it comes from: the message shape, the method name (engine contract or
// the host's own shell methods), the input against its schema. Per-call events are tagged with the
// front-end's own request id; closing the session (window closed, socket dropped) cancels its calls.
import { z } from "zod";
import type { EngineClient } from "../client/types.ts";
import { methods, type MethodName } from "../contract/index.ts";
import { shellMethods, type ShellMethodName } from "../contract/shell.ts";
import { MAX_REQUEST_ID_LENGTH, type ApiInput, type ApiOutput } from "../contract/api.ts";
import { EngineError, formatZodError, toWireError } from "../contract/errors.ts";
import { CallMessage, CancelMessage, type FromEngineMessage } from "../transport/protocol.ts";
import { hostOnlySettingsIn, isHostOnlyMethod, pathArguments } from "../contract/capabilities.ts";
import type { PathGrants } from "./path-grants.ts";

const FrontMessage = z.discriminatedUnion("type", [CallMessage, CancelMessage]);

export type ShellHandlers = {
  [M in ShellMethodName]: (input: z.infer<(typeof shellMethods)[M]["input"]>, signal: AbortSignal) => Promise<ApiOutput<M>>;
};

export interface BridgeSession {
  /** Feeds one raw message from the front-end; never throws (bad messages are answered or dropped). */
  handle(raw: unknown): void;
  /** Cancels every call still running for this front-end and stops forwarding notices. */
  close(): void;
}

export interface BridgeSessionOptions {
  client: EngineClient;
  shell: ShellHandlers;
  send: (message: FromEngineMessage) => void;
  /** Told about messages that could not even be answered (no id): a host logs them. */
  onProtocolError?: (reason: string) => void;
  /**
   * The folders this front-end may name files under (a browser tab: its uploads and the folders
   * given to the host); what it picks in a host dialog is added. Absent: any path the user can read
   * (an Electron window, whose paths come from the user's own dialogs and drops).
   */
  grants?: PathGrants;
}

export function createBridgeSession(options: BridgeSessionOptions): BridgeSession {
  const { client, shell, send } = options;
  const running = new Map<string, AbortController>();
  let closed = false;
  const stopNotices = client.onNotice((payload) => {
    if (!closed) send({ type: "event", name: "engine.notice", payload });
  });

  const reply = (id: string, result: { ok: true; output: unknown } | { ok: false; error: unknown }): void => {
    if (closed) return;
    if (result.ok) send({ type: "result", id, ok: true, output: result.output });
    else send({ type: "result", id, ok: false, error: toWireError(result.error) });
  };

  async function dispatch(id: string, method: string, input: unknown, signal: AbortSignal): Promise<unknown> {
    if (Object.hasOwn(shellMethods, method)) {
      const name = method as ShellMethodName;
      const parsed = shellMethods[name].input.safeParse(input ?? {});
      if (!parsed.success) throw new EngineError("INVALID_INPUT", `${method}: ${formatZodError(parsed.error)}`);
      const handler = shell[name] as (input: unknown, signal: AbortSignal) => Promise<unknown>;
      const output = shellMethods[name].output.parse(await handler(parsed.data, signal));
      // What the user picked in the host's own dialog is theirs to hand to this front-end.
      if (name === "shell.pickPaths") options.grants?.add((output as { paths: string[] }).paths);
      return output;
    }
    if (!Object.hasOwn(methods, method)) throw new EngineError("UNKNOWN_METHOD", `Unknown method "${method}".`);
    const checking = checkCapabilities(method, input);
    if (checking) await checking; // only when there are paths to check: other calls go out at once
    // The client validates the input against the contract before it reaches the engine.
    return client.call(method as MethodName, input as ApiInput<MethodName>, {
      signal,
      onEvent: (name, payload) => {
        if (closed) return;
        const tagged = payload && typeof payload === "object" && "requestId" in payload ? { ...payload, requestId: id } : payload;
        send({ type: "event", name, payload: tagged });
      },
    });
  }

  /** The session's limits, enforced here rather than in the UI: a page may be compromised. */
  function checkCapabilities(method: string, input: unknown): Promise<void> | undefined {
    if (isHostOnlyMethod(method)) throw new EngineError("PERMISSION_DENIED", `${method} is called by the host itself, not from the app's window.`);
    if (method === "settings.update") {
      const hostOnly = hostOnlySettingsIn(input);
      if (hostOnly.length > 0) {
        throw new EngineError("PERMISSION_DENIED", `${hostOnly.join(", ")} can only be set by the host (its command line or configuration), not from the app's window.`, { keys: hostOnly });
      }
    }
    const grants = options.grants;
    const paths = grants ? pathArguments(method, input) : [];
    if (!grants || paths.length === 0) return undefined;
    return (async () => {
      for (const p of paths) await grants.check(p);
    })();
  }

  return {
    handle(raw) {
      if (closed) return;
      const parsed = FrontMessage.safeParse(raw);
      if (!parsed.success) {
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === "string" && id.length > 0 && id.length <= MAX_REQUEST_ID_LENGTH) {
          reply(id, { ok: false, error: new EngineError("INVALID_INPUT", `Malformed message: ${formatZodError(parsed.error)}`) });
        } else options.onProtocolError?.(`malformed message dropped: ${formatZodError(parsed.error)}`);
        return;
      }
      const message = parsed.data;
      if (message.id.length > MAX_REQUEST_ID_LENGTH) {
        options.onProtocolError?.("request id too long");
        return;
      }
      if (message.type === "cancel") {
        running.get(message.id)?.abort();
        return;
      }
      if (running.has(message.id)) {
        reply(message.id, { ok: false, error: new EngineError("INVALID_INPUT", `Request id "${message.id}" is already in use.`) });
        return;
      }
      const controller = new AbortController();
      running.set(message.id, controller);
      dispatch(message.id, message.method, message.input, controller.signal).then(
        (output) => reply(message.id, { ok: true, output }),
        (error: unknown) => reply(message.id, { ok: false, error }),
      ).finally(() => running.delete(message.id));
    },
    close() {
      if (closed) return;
      closed = true;
      stopNotices();
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}
