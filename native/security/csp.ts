// The one Content-Security-Policy of the renderer, for both hosts: the Electron shell
// (electron/main/csp.ts, app:// answers and the dev server's) and the web host (native/web/security.ts).
// One builder, so the two cannot drift again (the web host's once lacked base-uri, form-action and
// frame-src); it lives in native/ because the web host must not import electron/.
// Each directive is the stricter of what the two hosts had: own scripts only, no plugins, no frames
// in or out, no <base> or form posts, fonts from the app only. A host adds only what it must reach:
// the web host its WebSocket, a development build the Vite dev server.

export interface CspOptions {
  /** The Vite dev server's origin when developing: its modules, HMR socket and React refresh preamble. */
  devOrigin?: string;
  /** Extra connect-src sources (the web host's `ws://127.0.0.1:*`: 'self' covers ws: only in CSP Level 3 browsers). */
  connectSources?: readonly string[];
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
    ["font-src", ["'self'", ...dev]],
    ["worker-src", ["'self'", "blob:", ...dev]],
    ["connect-src", ["'self'", ...(options.connectSources ?? []), ...dev, ...devSocket]],
    ["object-src", ["'none'"]],
    ["frame-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}
