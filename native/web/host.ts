// The headless web host: one HTTP server on 127.0.0.1 serving the built renderer, the /ws bridge
// endpoint and /upload, all behind the same per-launch token. It is given an engine client rather
// than starting one, so tests can drive it with their own engine; main.ts does the starting.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { EngineClient } from "../client/types.ts";
import { checkOrigin, newToken, SECURITY_HEADERS, sendJsonError, sendPlain, tokenMatches } from "./security.ts";
import { TOKEN_HEADER, UPLOAD_PATH, WS_PATH } from "../contract/wire/names.ts";
import { createSocketEndpoint } from "./socket.ts";
import { serveStatic } from "./static-files.ts";
import { DEFAULT_UPLOAD_LIMIT, handleUpload } from "./upload.ts";
import { UploadQuota } from "./upload-quota.ts";

export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface WebHostOptions {
  client: EngineClient;
  /** The engine's data folder; uploads go to its `uploads/` subfolder. */
  dataDir: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  uploadLimitBytes?: number;
  /** Everything uploads/ may hold at once (default 16 GiB), and uploads at a time (default 4). */
  uploadTotalLimitBytes?: number;
  maxConcurrentUploads?: number;
  maxMessageBytes?: number;
  /** Folders the user gave the host (`--allow-folder`): a tab may name files under them, besides its uploads. */
  allowedFolders?: readonly string[];
  /** A fixed token (tests); a random one per launch otherwise. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  /** The address to open: the token travels in the fragment, which browsers never send to a server. */
  url: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const log = options.log ?? (() => {});
  const uploadsDir = path.join(options.dataDir, "uploads");
  const uploadLimit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;
  const uploadQuota = new UploadQuota(options.maxConcurrentUploads, options.uploadTotalLimitBytes);
  // The origin is only known once listening (port 0); requests cannot arrive before that.
  let origin = "";

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      log(`request failed: ${(err as Error).message}`);
      if (!res.headersSent) sendPlain(res, 500, "Internal error");
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === UPLOAD_PATH) {
      const check = checkOrigin(req, origin);
      if (!check.ok) return sendJsonError(res, check.status, "PERMISSION_DENIED", check.message);
      const given = req.headers[TOKEN_HEADER.toLowerCase()];
      if (!tokenMatches(token, typeof given === "string" ? given : undefined)) {
        return sendJsonError(res, 401, "PERMISSION_DENIED", `missing or wrong access token (${TOKEN_HEADER} header)`);
      }
      return handleUpload(req, res, url, uploadsDir, uploadLimit, uploadQuota);
    }
    if (url.pathname === WS_PATH) return sendPlain(res, 426, "This endpoint speaks WebSocket only.");
    // Someone typed localhost instead of the printed address: the page would load but its socket be
    // refused (wrong Origin). Send them to the one origin that works; browsers keep the #token.
    if (req.headers.host === `localhost:${new URL(origin).port}`) {
      res.writeHead(308, { ...SECURITY_HEADERS, Location: `${origin}${req.url ?? "/"}`, "Content-Length": 0 });
      res.end();
      return;
    }
    // The raw path, not url.pathname: the URL parser would resolve `..` before we could refuse it.
    const rawPath = (req.url ?? "/").split("?")[0]!.split("#")[0]!;
    return serveStatic(req, res, options.rendererDir, rawPath);
  }

  const sockets = createSocketEndpoint({
    client: options.client,
    token,
    get origin() {
      return origin;
    },
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    log,
    grantedFolders: [uploadsDir, ...(options.allowedFolders ?? []).map((f) => path.resolve(f))],
  });
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://127.0.0.1").pathname !== WS_PATH) {
      socket.on("error", () => {});
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    origin,
    port,
    token,
    url: `${origin}/#token=${token}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await sockets.close();
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
