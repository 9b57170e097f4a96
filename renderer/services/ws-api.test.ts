// The browser client against a real `ws` server standing in for the web host: the handshake carries
// the token, results and errors settle the right call, events reach listeners, cancel, a dropped
// socket fails calls in flight and reconnects with a notice, uploads return the host's path, report
// their progress and stop when cancelled. Calls, ids, events and the error shape are the shared wire
// client's, tested once in native/contract/wire/client.test.ts; here they are checked over a socket.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket as WsClient, WebSocketServer, type WebSocket } from "ws";
import { createWebSocketApi, type WebSocketApi, type WebSocketLike } from "./ws-api.ts";
import { NodeUploadRequest } from "./testing/node-upload-request.ts";
import type { UploadProgress } from "../../native/contract/api.ts";

interface FakeHost {
  url: string;
  sockets: WebSocket[];
  protocols: string[];
  received: unknown[];
  uploads: { name: string | null; token: string | undefined; body: string }[];
  /** Uploads whose connection closed before the end of the body. */
  interrupted: string[];
  /** Resolves when the host has a socket and the nth message has arrived. */
  nextMessage(): Promise<Record<string, unknown>>;
  server: Server;
}

let host: FakeHost | undefined;
let api: WebSocketApi | undefined;

afterEach(async () => {
  api?.close();
  api = undefined;
  if (host) {
    for (const s of host.sockets) s.terminate();
    host.server.closeAllConnections();
    await new Promise((r) => host!.server.close(r));
  }
  host = undefined;
});

async function startFakeHost(onMessage: (msg: Record<string, unknown>, ws: WebSocket) => void = () => {}): Promise<FakeHost> {
  const server = createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("close", () => {
      if (!req.complete) fake.interrupted.push(url.searchParams.get("name") ?? "");
    });
    req.on("end", () => {
      const name = url.searchParams.get("name");
      fake.uploads.push({ name, token: req.headers["x-enclave-token"] as string | undefined, body });
      res.setHeader("Content-Type", "application/json");
      if (name === "bad..name") {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: { code: "INVALID_INPUT", message: "Refused file name" } }));
      } else {
        res.statusCode = 201;
        res.end(JSON.stringify({ path: `/data/uploads/x/${name}` }));
      }
    });
  });
  const wss = new WebSocketServer({ server, handleProtocols: () => "enclave.v1" });
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  const queue: Record<string, unknown>[] = [];
  const fake: FakeHost = {
    url: "",
    sockets: [],
    protocols: [],
    received: [],
    uploads: [],
    interrupted: [],
    server,
    nextMessage: () => new Promise((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve))),
  };
  wss.on("connection", (ws, req) => {
    fake.sockets.push(ws);
    fake.protocols = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      fake.received.push(msg);
      onMessage(msg, ws);
      const w = waiting.shift();
      if (w) w(msg);
      else queue.push(msg);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  fake.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  return fake;
}

const nodeSocket = (url: string, protocols: string[]): WebSocketLike => new WsClient(url, protocols) as unknown as WebSocketLike;

function connect(h: FakeHost, extra: Partial<Parameters<typeof createWebSocketApi>[2]> = {}): WebSocketApi {
  api = createWebSocketApi(h.url, "secret-token", { createSocket: nodeSocket, createRequest: () => new NodeUploadRequest(), reconnectDelayMs: 20, maxReconnectDelayMs: 50, ...extra });
  return api;
}

const reply = (ws: WebSocket, message: unknown): void => ws.send(JSON.stringify(message));

test("a call sent before the socket opens is delivered, with the token offered as a subprotocol", async () => {
  host = await startFakeHost((msg, ws) => reply(ws, { type: "result", id: msg.id, ok: true, output: { pong: true, pid: 7 } }));
  const client = connect(host);
  const out = await client.invoke("engine.ping", {}, { requestId: "r1" });
  assert.deepEqual(out, { pong: true, pid: 7 });
  assert.deepEqual(host.protocols, ["enclave.v1", "enclave.token.secret-token"]);
  assert.deepEqual(host.received[0], { type: "call", id: "r1", method: "engine.ping", input: {} });
});

test("an error result rejects with the plain wire error (code, message, details); ids are generated when omitted", async () => {
  host = await startFakeHost((msg, ws) =>
    reply(ws, { type: "result", id: msg.id, ok: false, error: { code: "MODEL_NOT_FOUND", message: "No model x", details: { ref: "x" } } }),
  );
  const client = connect(host);
  const err = await client.invoke("models.inspect", { model: "x" }).then(
    () => assert.fail("should reject"),
    (e: unknown) => e,
  );
  assert.deepEqual(err, { code: "MODEL_NOT_FOUND", message: "No model x", details: { ref: "x" } });
  assert.match((host.received[0] as { id: string }).id, /^[0-9a-f-]{36}$/);
});

test("cancel sends a cancel for a call in flight; the host's ABORTED result settles it", async () => {
  host = await startFakeHost((msg, ws) => {
    if (msg.type === "cancel") reply(ws, { type: "result", id: msg.id, ok: false, error: { code: "ABORTED", message: "Cancelled." } });
  });
  const client = connect(host);
  const call = client.invoke("engine.ping", { delayMs: 60_000 }, { requestId: "slow" });
  await host.nextMessage();
  client.cancel("slow");
  await assert.rejects(call, { code: "ABORTED" });
  assert.deepEqual(host.received[1], { type: "cancel", id: "slow" });
});

test("a dropped socket fails calls in flight, tells the UI it is reconnecting, and reconnects", async () => {
  host = await startFakeHost((msg, ws) => {
    if (msg.id === "after") reply(ws, { type: "result", id: msg.id, ok: true, output: { pong: true, pid: 1 } });
  });
  const client = connect(host);
  const notices: { code?: string }[] = [];
  client.on("engine.notice", (n) => notices.push(n));
  const inFlight = client.invoke("engine.ping", { delayMs: 60_000 }, { requestId: "before" });
  await host.nextMessage();
  host.sockets[0]!.terminate();
  await assert.rejects(inFlight, { code: "ENGINE_UNAVAILABLE" });
  assert.equal(notices[0]?.code, "RECONNECTING");
  const out = await client.invoke("engine.ping", {}, { requestId: "after" });
  assert.deepEqual(out, { pong: true, pid: 1 });
  assert.equal(host.sockets.length, 2, "a second socket was opened");
  assert.deepEqual(notices.map((n) => n.code), ["RECONNECTING", "RECONNECTED"]);
});

test("when the host stays away, queued calls fail instead of waiting forever", async () => {
  host = await startFakeHost();
  const client = connect(host);
  const warm = client.invoke("engine.ping", {}, { requestId: "warm" });
  await host.nextMessage();
  // Take the host down for good.
  const server = host.server;
  for (const s of host.sockets) s.terminate();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  host = undefined;
  await assert.rejects(warm, { code: "ENGINE_UNAVAILABLE" });
  await assert.rejects(client.invoke("engine.ping", {}), { code: "ENGINE_UNAVAILABLE" });
});

test("close() rejects pending calls with ABORTED and does not reconnect", async () => {
  host = await startFakeHost();
  const client = connect(host);
  const call = client.invoke("engine.ping", { delayMs: 60_000 });
  await host.nextMessage();
  client.close();
  await assert.rejects(call, { code: "ABORTED" });
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(host.sockets.length, 1);
  await assert.rejects(client.invoke("engine.ping", {}), { code: "ENGINE_UNAVAILABLE" });
});

test("resolveFiles uploads each file with the token and returns the host's paths; a refusal is a wire error", async () => {
  host = await startFakeHost();
  const client = connect(host);
  const paths = await client.resolveFiles([new File(["alpha"], "a.txt"), new File(["beta"], "b é.md")]);
  assert.deepEqual(paths, ["/data/uploads/x/a.txt", "/data/uploads/x/b é.md"]);
  assert.deepEqual(host.uploads, [
    { name: "a.txt", token: "secret-token", body: "alpha" },
    { name: "b é.md", token: "secret-token", body: "beta" },
  ]);
  await assert.rejects(client.resolveFiles([new File(["x"], "bad..name")]), { code: "INVALID_INPUT", message: /Refused/ });
});

test("resolveFiles reports the bytes sent across the batch, file by file, up to the total", async () => {
  host = await startFakeHost();
  const client = connect(host);
  const seen: UploadProgress[] = [];
  const files = [new File(["a".repeat(200_000)], "big.txt"), new File(["b".repeat(70_000)], "small.txt")];
  const paths = await client.resolveFiles(files, { onProgress: (p) => seen.push(p) });
  assert.deepEqual(paths, ["/data/uploads/x/big.txt", "/data/uploads/x/small.txt"]);
  assert.ok(seen.length >= 5, `progress as chunks go out (${seen.length} reports)`);
  assert.ok(seen.every((p) => p.bytesTotal === 270_000 && p.fileCount === 2));
  assert.ok(seen.every((p, i) => i === 0 || p.bytesSent >= seen[i - 1]!.bytesSent), "never goes backwards");
  assert.deepEqual(seen.at(-1), { fileName: "small.txt", fileIndex: 1, fileCount: 2, bytesSent: 270_000, bytesTotal: 270_000 });
  assert.ok(seen.some((p) => p.fileName === "big.txt" && p.bytesSent > 0 && p.bytesSent < 200_000), "partway through the first file");
});

test("aborting the signal stops the upload mid-file with ABORTED, and the files after it are never sent", async () => {
  host = await startFakeHost();
  const client = connect(host, { createRequest: () => new NodeUploadRequest(16 * 1024, 20) });
  const controller = new AbortController();
  const files = [new File(["a".repeat(500_000)], "big.txt"), new File(["b"], "next.txt")];
  const upload = client.resolveFiles(files, { signal: controller.signal, onProgress: (p) => p.bytesSent > 0 && controller.abort() });
  await assert.rejects(upload, { code: "ABORTED", message: /big\.txt/ });
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(host.interrupted, ["big.txt"], "the host saw the connection drop before the end of the body");
  assert.deepEqual(host.uploads, []);
  await assert.rejects(client.resolveFiles([new File(["x"], "late.txt")], { signal: controller.signal }), { code: "ABORTED" });
  assert.deepEqual(host.interrupted, ["big.txt"], "an already-aborted signal sends nothing");
});

test("a host that never answers (gone, or restarted with a new token) is reported once, with the likely fix", async () => {
  host = await startFakeHost();
  // A port that was just free: nothing listens there.
  const port = Number(new URL(host.url).port);
  await new Promise((r) => host!.server.close(r));
  host = undefined;
  api = createWebSocketApi(`ws://127.0.0.1:${port}/ws`, "old-token", { createSocket: nodeSocket, reconnectDelayMs: 5, maxReconnectDelayMs: 10 });
  const notices: { level: string; code?: string; message: string }[] = [];
  api.on("engine.notice", (n) => notices.push(n));
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(notices.filter((n) => n.code === "ENGINE_UNAVAILABLE").length, 1);
  assert.match(notices.find((n) => n.code === "ENGINE_UNAVAILABLE")!.message, /access token changes on every launch/);
  assert.equal(notices.filter((n) => n.code === "RECONNECTING").length, 0, "nothing was lost: it never connected");
});
