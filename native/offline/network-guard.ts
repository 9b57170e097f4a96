// Offline mode made provable: while the engine is offline, every connection to a host that is not
// loopback is refused where all of Node's networking meets — `net.Socket#connect`, which `net`,
// `tls`, `http(s)` and undici's `fetch` all go through before any byte is sent — and name look-ups
// (`dns.lookup`, `dns.resolve*`, their promise forms and `dns.Resolver`) are refused too, so not even
// a DNS query leaves. Each refusal is reported (the engine audits it) and fails at once with OFFLINE,
// instead of a downloader retrying for minutes. Loopback stays open: the engine's own hosts use it.
import net from "node:net";
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import { EngineError } from "../contract/errors.ts";
import { isLoopbackHost } from "../policy/policy-service.ts";

export interface BlockedAttempt {
  host: string;
  port: number | null;
  via: "connect" | "dns";
}

export interface NetworkGuardOptions {
  isOffline: () => boolean;
  onBlocked: (attempt: BlockedAttempt) => void;
}

type AnyFn = (...args: unknown[]) => unknown;
const DNS_FUNCTIONS = ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCaa", "resolveCname", "resolveMx", "resolveNaptr", "resolveNs", "resolvePtr", "resolveSoa", "resolveSrv", "resolveTxt", "reverse"] as const;

let installed = false;

/** Installs the guard for this process; returns the function that removes it. One at a time. */
export function installNetworkGuard(options: NetworkGuardOptions): () => void {
  if (installed) throw new Error("The network guard is already installed in this process.");
  installed = true;
  const restores: (() => void)[] = [];
  const patch = (target: object, name: string, wrap: (original: AnyFn) => AnyFn) => {
    const holder = target as Record<string, unknown>;
    const original = holder[name];
    if (typeof original !== "function") return;
    holder[name] = wrap(original as AnyFn);
    restores.push(() => (holder[name] = original));
  };
  const refuse = (attempt: BlockedAttempt): EngineError => {
    options.onBlocked(attempt);
    const where = attempt.port === null ? attempt.host : `${attempt.host}:${attempt.port}`;
    return new EngineError("OFFLINE", `Enclave is offline: the connection to ${where} was refused.`, { host: attempt.host, port: attempt.port });
  };
  const blocks = (host: string) => options.isOffline() && !isLoopbackHost(host);

  patch(net.Socket.prototype, "connect", (original) =>
    function (this: net.Socket, ...args: unknown[]) {
      const target = connectTarget(args);
      if (target && blocks(target.host)) {
        const err = refuse({ ...target, via: "connect" });
        process.nextTick(() => this.destroy(err));
        return this;
      }
      return original.apply(this, args);
    },
  );

  for (const holder of [dns, dns.Resolver.prototype]) {
    for (const name of DNS_FUNCTIONS) {
      patch(holder, name, (original) =>
        function (this: unknown, ...args: unknown[]) {
          const host = String(args[0]);
          if (!blocks(host)) return original.apply(this, args);
          const err = refuse({ host, port: null, via: "dns" });
          const callback = args.findLast((a) => typeof a === "function") as ((e: Error) => void) | undefined;
          if (callback) process.nextTick(() => callback(err));
          return undefined;
        },
      );
    }
  }
  for (const holder of [dns.promises, dns.promises.Resolver.prototype]) {
    for (const name of DNS_FUNCTIONS) {
      patch(holder, name, (original) =>
        function (this: unknown, ...args: unknown[]) {
          const host = String(args[0]);
          return blocks(host) ? Promise.reject(refuse({ host, port: null, via: "dns" })) : original.apply(this, args);
        },
      );
    }
  }
  // ES module imports of node:dns / node:net read their named exports from a copy: refresh it.
  syncBuiltinESMExports();

  return () => {
    for (const restore of restores.reverse()) restore();
    syncBuiltinESMExports();
    installed = false;
  };
}

/** The host and port a `Socket#connect` call is for; null for a local (IPC/pipe) socket. */
export function connectTarget(args: unknown[]): { host: string; port: number | null } | null {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first !== null && typeof first === "object") {
    const o = first as { path?: unknown; host?: unknown; port?: unknown };
    if (typeof o.path === "string") return null;
    return { host: typeof o.host === "string" && o.host ? o.host : "localhost", port: o.port === undefined ? null : Number(o.port) };
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return { host: typeof args[1] === "string" && args[1] ? args[1] : "localhost", port: Number(first) };
  }
  return null; // a path: a Unix socket or Windows pipe
}
