// The window's Content-Security-Policy, a response header on every app:// answer (app-protocol.ts) and,
// through the session's onHeadersReceived, on the dev server's. The policy itself is built in
// native/security/csp.ts, shared with the web host so the one renderer bundle meets the same rules in
// both hosts, minus network access: in Electron the engine is reached over IPC only.
export { buildCsp, type CspOptions } from "../../native/security/csp.ts";

export type ResponseHeaders = Record<string, string[] | string>;

/** The response headers with any CSP the response brought replaced by ours (names are case-insensitive). */
export function withCsp(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === "content-security-policy") continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out["Content-Security-Policy"] = [csp];
  return out;
}
