// The guard in this test process: real sockets, real fetch, real DNS calls; a non-loopback target
// never gets a packet because the guard refuses before connecting (10.255.255.1 would hang if it did).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import { lookup, promises as dnsPromises, resolve4 } from "node:dns";
import { installNetworkGuard, connectTarget, type BlockedAttempt } from "./network-guard.ts";
import { isEngineError } from "../contract/errors.ts";

let offline = true;
const blocked: BlockedAttempt[] = [];
const uninstall = installNetworkGuard({ isOffline: () => offline, onBlocked: (a) => blocked.push(a) });
after(() => uninstall());

const socketError = (socket: net.Socket) => new Promise<Error>((resolve) => socket.once("error", resolve));

test("net and tls connections to other hosts fail with OFFLINE and are reported", async () => {
  blocked.length = 0;
  const e1 = await socketError(net.connect({ host: "10.255.255.1", port: 80 }));
  const e2 = await socketError(net.connect(443, "example.com"));
  const e3 = await socketError(tls.connect({ host: "example.com", port: 443 }));
  for (const e of [e1, e2, e3]) assert.ok(isEngineError(e, "OFFLINE"), String(e));
  assert.deepEqual(blocked.map((b) => [b.host, b.port, b.via]), [["10.255.255.1", 80, "connect"], ["example.com", 443, "connect"], ["example.com", 443, "connect"]]);
});

test("http, https and fetch fail fast with OFFLINE", async () => {
  const httpErr = await new Promise<Error>((resolve) => http.get("http://example.com/", () => undefined).once("error", resolve));
  const httpsErr = await new Promise<Error>((resolve) => https.get("https://huggingface.co/", () => undefined).once("error", resolve));
  assert.ok(isEngineError(httpErr, "OFFLINE"));
  assert.ok(isEngineError(httpsErr, "OFFLINE"));
  const fetchErr = await fetch("https://huggingface.co/").then(() => null, (err: unknown) => err as { cause?: unknown });
  assert.ok(fetchErr && isEngineError(fetchErr.cause, "OFFLINE"), String(fetchErr));
});

test("DNS look-ups are refused (callback, promise, resolver)", async () => {
  blocked.length = 0;
  const viaCallback = await new Promise<Error | null>((resolve) => lookup("example.com", (err) => resolve(err)));
  const viaResolve = await new Promise<Error | null>((resolve) => resolve4("example.com", (err) => resolve(err)));
  const viaPromise = await dnsPromises.lookup("example.com").then(() => null, (err: unknown) => err);
  for (const e of [viaCallback, viaResolve, viaPromise]) assert.ok(isEngineError(e, "OFFLINE"));
  assert.ok(blocked.every((b) => b.via === "dns") && blocked.length === 3);
});

test("loopback stays open while offline; everything is allowed once online", async () => {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as net.AddressInfo).port;
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), "ok");
    assert.equal(await (await fetch(`http://localhost:${port}/`)).text(), "ok");
    offline = false;
    blocked.length = 0;
    // Online, a connection to a closed local port fails the ordinary way, not with OFFLINE.
    const err = await socketError(net.connect(1, "127.0.0.1"));
    assert.ok(!isEngineError(err, "OFFLINE"));
    assert.equal(blocked.length, 0);
  } finally {
    offline = true;
    server.close();
  }
});

test("connectTarget reads every form of Socket#connect arguments", () => {
  assert.deepEqual(connectTarget([{ host: "a", port: 1 }]), { host: "a", port: 1 });
  assert.deepEqual(connectTarget([80]), { host: "localhost", port: 80 });
  assert.deepEqual(connectTarget(["80", "b"]), { host: "b", port: 80 });
  assert.equal(connectTarget([{ path: "/tmp/s" }]), null);
  assert.equal(connectTarget(["/tmp/s"]), null);
});
