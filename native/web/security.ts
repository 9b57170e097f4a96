// The web host's gatekeeping, in one place: who may talk to it (the per-launch token, the page's own
// origin, the host name it was reached by) and the headers every response carries.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WS_TOKEN_PREFIX } from "../contract/wire/names.ts";
import { buildCsp } from "../security/csp.ts";

/** The Content-Security-Policy of every response: the Electron shell's policy (one builder for both),
 *  plus `ws://127.0.0.1:*`, spelled out because 'self' covers ws: only in CSP Level 3 browsers. */
export const CONTENT_SECURITY_POLICY = buildCsp({ connectSources: ["ws://127.0.0.1:*"] });

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** 32 random bytes, base64url: valid in a URL fragment, in a header and as a subprotocol token. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token offered among a WebSocket handshake's subprotocols, if any. */
export function tokenFromProtocols(protocols: Iterable<string>): string | undefined {
  for (const p of protocols) if (p.startsWith(WS_TOKEN_PREFIX)) return p.slice(WS_TOKEN_PREFIX.length);
  return undefined;
}

export interface RequestCheck {
  ok: boolean;
  status: number;
  message: string;
}

/**
 * The checks every request that can act (WebSocket upgrade, upload) must pass, before the token:
 * - Host must be the loopback address we listen on, which defeats DNS rebinding (evil.example
 *   resolving to 127.0.0.1 would send `Host: evil.example`);
 * - Origin must be our own origin, which blocks cross-site WebSocket hijacking and cross-site
 *   uploads: any page the user visits may open a socket to 127.0.0.1, but its Origin is its own.
 */
export function checkOrigin(req: IncomingMessage, origin: string): RequestCheck {
  const host = req.headers.host;
  if (host === undefined || `http://${host}` !== origin) return { ok: false, status: 421, message: `unexpected Host header "${host ?? ""}"` };
  const from = req.headers.origin;
  if (from !== origin) return { ok: false, status: 403, message: from === undefined ? "missing Origin header" : `foreign origin "${from}" refused` };
  return { ok: true, status: 200, message: "" };
}

export function sendPlain(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
}

/** Errors from HTTP endpoints use the contract's wire error shape, so the client maps them the same way. */
export function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  sendPlain(res, status, JSON.stringify({ error: { code, message } }), "application/json; charset=utf-8");
}
