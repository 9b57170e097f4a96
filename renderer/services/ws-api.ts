// EnclaveApi over the web host's WebSocket, for the renderer running in a browser tab: the shared wire
// client (native/contract/wire: calls, ids, cancel, events, the error shape) over a socket that
// reconnects, plus uploads. Files are
// uploaded to the host (with progress, and cancellable) to get paths the engine can read. When the
// socket drops, calls in flight
// fail at once (the host cancelled them when the socket closed), an `engine.notice` tells the UI it
// is reconnecting, and the client reconnects with backoff.
import type { EnclaveApi, ResolveFilesOptions } from "../../native/contract/api.ts";
import type { WireError } from "../../native/contract/errors.ts";
import { createWireClient, toWireErrorShape, wireError } from "../../native/contract/wire/client.ts";
import { TOKEN_HEADER, UPLOAD_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX } from "../../native/contract/wire/names.ts";

/** The part of the browser's WebSocket this client uses (the `ws` package's client has it too). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** The part of XMLHttpRequest an upload uses. */
export interface UploadRequest {
  readonly status: number;
  readonly responseText: string;
  readonly upload: { onprogress: ((event: { loaded: number }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  open(method: "POST", url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
}

export interface WebSocketApiOptions {
  /** Opens a socket; the browser's WebSocket by default. */
  createSocket?: (url: string, protocols: string[]) => WebSocketLike;
  /** For uploads: XMLHttpRequest by default, the one browser API that reports upload progress over
   *  HTTP/1.1 (fetch streams a request body only over HTTP/2). */
  createRequest?: () => UploadRequest;
  /** Delay before the first reconnect attempt, doubled per failure up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

export interface WebSocketApi extends EnclaveApi {
  /** Closes the socket for good: no reconnect; calls still pending reject with ABORTED. */
  close(): void;
}

const OPEN = 1;
/** Failed attempts in a row after which the outage is reported as more than a blip. */
const GIVE_UP_NOTICE_AFTER = 6;

export function createWebSocketApi(url: string, token: string, options: WebSocketApiOptions = {}): WebSocketApi {
  const createSocket = options.createSocket ?? ((u, protocols) => new WebSocket(u, protocols) as unknown as WebSocketLike);
  const createRequest = options.createRequest ?? (() => new XMLHttpRequest() as unknown as UploadRequest);
  const baseDelay = options.reconnectDelayMs ?? 250;
  const maxDelay = options.maxReconnectDelayMs ?? 5000;
  const uploadUrl = toHttpUrl(url, UPLOAD_PATH);
  const protocols = [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`];

  let socket: WebSocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let outage = false;
  let disposed = false;

  const wire = createWireClient({
    send(message) {
      if (socket?.readyState !== OPEN) {
        // A call waits for the socket (flushed on open); a cancel of a call the host has is moot
        // when the socket is gone: the host cancelled it when the socket closed.
        if (message.type === "call") ensureConnecting();
        return false;
      }
      socket.send(JSON.stringify(message));
      return true;
    },
    newId: () => crypto.randomUUID(),
  });

  function notice(level: "info" | "warning" | "error", code: string, message: string): void {
    wire.emit("engine.notice", { level, code, message });
  }

  function connect(): void {
    retryTimer = null;
    const ws = createSocket(url, protocols);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      if (outage) notice("info", "RECONNECTED", "Connection to the Enclave host restored.");
      outage = false;
      wire.flush();
    };
    ws.onmessage = (event) => receive(event.data);
    // Browsers report why only through the close that follows an error; the close does the work.
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (disposed) return;
      // Calls that reached the host were cancelled there when the socket closed; calls still queued
      // fail too, so nothing waits on an outage of unknown length.
      wire.failAll(wireError("ENGINE_UNAVAILABLE", "Lost the connection to the Enclave host; reconnecting."));
      if (!outage && opened) notice("warning", "RECONNECTING", "Lost the connection to the Enclave host; reconnecting…");
      outage = true;
      // The browser does not say why a handshake failed, so a host that is gone and a token that is
      // no longer valid (the host was restarted: tokens are per launch) look alike. Keep trying,
      // but after a while tell the user both possibilities.
      if (!opened && failures + 1 === GIVE_UP_NOTICE_AFTER) {
        notice("error", "ENGINE_UNAVAILABLE", "Cannot reach the Enclave host. If it was restarted, open the new address it printed: the access token changes on every launch.");
      }
      const delay = Math.min(maxDelay, baseDelay * 2 ** failures);
      failures += 1;
      // Jitter, so many tabs of one host do not all knock at the same instant.
      retryTimer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
    };
  }

  function receive(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      notice("error", "PROTOCOL_ERROR", "The Enclave host sent a message that is not JSON.");
      return;
    }
    wire.receive(message);
  }

  function ensureConnecting(): void {
    if (!disposed && socket === null && retryTimer === null) connect();
  }

  connect();

  return {
    invoke(method, input, invokeOptions) {
      if (disposed) return Promise.reject(wireError("ENGINE_UNAVAILABLE", "The connection to the Enclave host was closed."));
      return wire.invoke(method, input, invokeOptions);
    },
    on: wire.on,
    cancel: wire.cancel,

    async resolveFiles(files: File[], { signal, onProgress }: ResolveFilesOptions = {}): Promise<string[]> {
      const paths: string[] = [];
      const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
      let sentBefore = 0;
      // One at a time: the host writes to disk, and parallel uploads would only compete for it.
      for (const [fileIndex, file] of files.entries()) {
        const progress = (sent: number) => onProgress?.({ fileName: file.name, fileIndex, fileCount: files.length, bytesSent: sentBefore + sent, bytesTotal });
        progress(0);
        paths.push(await upload(file, signal, progress));
        sentBefore += file.size;
      }
      return paths;
    },

    close(): void {
      if (disposed) return;
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const ws = socket;
      socket = null;
      ws?.close(1000, "closed by the client");
      wire.failAll(wireError("ABORTED", "The connection to the Enclave host was closed."));
    },
  };

  function upload(file: File, signal: AbortSignal | undefined, progress: (sent: number) => void): Promise<string> {
    return new Promise((resolve, reject) => {
      const cancelled = (): WireError => wireError("ABORTED", `Upload of "${file.name}" cancelled.`);
      if (signal?.aborted) return reject(cancelled());
      const request = createRequest();
      // Aborting drops the connection mid-body; the host then deletes what it had written.
      const abort = () => request.abort();
      signal?.addEventListener("abort", abort, { once: true });
      const settle = (outcome: () => void) => {
        signal?.removeEventListener("abort", abort);
        outcome();
      };
      request.upload.onprogress = (event) => progress(Math.min(event.loaded, file.size));
      request.onabort = () => settle(() => reject(cancelled()));
      request.onerror = () => settle(() => reject(wireError("ENGINE_UNAVAILABLE", `Could not upload "${file.name}" to the Enclave host: the connection failed.`)));
      request.onload = () => settle(() => {
        const body = parseJson(request.responseText) as { path?: unknown; error?: unknown } | null;
        if (request.status >= 200 && request.status < 300 && typeof body?.path === "string") resolve(body.path);
        else if (body?.error) reject(toWireErrorShape(body.error));
        else reject(wireError("INTERNAL", `Upload of "${file.name}" failed: HTTP ${request.status}.`));
      });
      request.open("POST", `${uploadUrl}?name=${encodeURIComponent(file.name)}`);
      request.setRequestHeader(TOKEN_HEADER, token);
      request.setRequestHeader("Content-Type", "application/octet-stream");
      request.send(file);
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The host's HTTP address for `pathname`, from its WebSocket address. */
export function toHttpUrl(wsUrl: string, pathname: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === "wss:" ? "https:" : "http:";
  u.pathname = pathname;
  u.search = "";
  u.hash = "";
  return u.toString();
}
