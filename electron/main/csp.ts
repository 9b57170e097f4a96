// The window's Content-Security-Policy, a response header on every app:// answer (app-protocol.ts) and,
// through the session's onHeadersReceived, on the dev server's. It matches the web host's policy
// (native/web/security.ts) so the one renderer bundle meets the same rules in both hosts, minus
// network access: in Electron the engine is reached over IPC only.

export interface CspOptions {
  /** The Vite dev server's origin when developing: its modules, HMR socket and React refresh preamble. */
  devOrigin?: string;
}

export function buildCsp(options: CspOptions = {}): string {
  const { devOrigin } = options;
  const dev = devOrigin ? [devOrigin] : [];
  const devSocket = devOrigin ? [devOrigin.replace(/^http/, "ws")] : [];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'", ...dev]],
    // Vite's dev server injects an inline module script (React refresh); a production build has none.
    // 'wasm-unsafe-eval' lets pdf.js compile its WebAssembly decoders (JBIG2 scans, ICC colour); it
    // allows WebAssembly compilation only, not eval() of JavaScript.
    ["script-src", ["'self'", "'wasm-unsafe-eval'", ...dev, ...(devOrigin ? ["'unsafe-inline'"] : [])]],
    ["style-src", ["'self'", "'unsafe-inline'", ...dev]],
    ["img-src", ["'self'", "data:", "blob:", ...dev]],
    ["font-src", ["'self'", "data:", ...dev]],
    ["worker-src", ["'self'", "blob:", ...dev]],
    ["connect-src", ["'self'", ...dev, ...devSocket]],
    ["object-src", ["'none'"]],
    ["frame-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}

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
