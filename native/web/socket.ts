// The /ws endpoint: a WebSocket per browser tab carrying the bridge protocol, one bridge session per
// socket. The handshake is refused (plain HTTP status, no socket) unless Host, Origin and token are
// right; after it, every text frame is one JSON message and nothing a tab sends can crash the host.
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { EngineClient } from "../client/types.ts";
import { createBridgeSession } from "../bridge/session.ts";
import type { FromEngineMessage } from "../transport/protocol.ts";
import { checkOrigin, tokenFromProtocols, tokenMatches } from "./security.ts";
import { WS_PROTOCOL } from "../contract/wire/names.ts";
import { webShellHandlers } from "./shell-handlers.ts";
import { PathGrants } from "../bridge/path-grants.ts";

export interface SocketEndpointOptions {
  client: EngineClient;
  token: string;
  origin: string;
  /** Largest frame accepted; bigger ones close the socket with 1009. */
  maxMessageBytes: number;
  log: (line: string) => void;
  /** The folders every tab may name files under: its uploads, and the folders given to the host. */
  grantedFolders: readonly string[];
}

export interface SocketEndpoint {
  /** For the HTTP server's `upgrade` event on /ws. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket (and so every session, cancelling its calls). */
  close(): Promise<void>;
}

/** A problem with a message that has no request id to answer: told to the tab as a notice. */
function protocolNotice(message: string): FromEngineMessage {
  return { type: "event", name: "engine.notice", payload: { level: "error", code: "PROTOCOL_ERROR", message } };
}

export function createSocketEndpoint(options: SocketEndpointOptions): SocketEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    // Answer with the protocol name only: echoing the token subprotocol would put it in a response header.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  wss.on("connection", (ws: WebSocket) => {
    const send = (message: FromEngineMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const session = createBridgeSession({
      client: options.client,
      shell: webShellHandlers,
      send,
      onProtocolError: (reason) => send(protocolNotice(reason)),
      // Each tab its own grants: what one tab is given never widens another's.
      grants: new PathGrants(options.grantedFolders),
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary) {
        send(protocolNotice("binary frames are not part of the protocol: send JSON text"));
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch (err) {
        send(protocolNotice(`message is not JSON: ${(err as Error).message}`));
        return;
      }
      session.handle(message);
    });
    ws.on("close", () => session.close());
    // Oversized frames and bad framing land here; ws closes the socket itself afterwards.
    ws.on("error", (err) => options.log(`websocket error: ${err.message}`));
  });

  return {
    handleUpgrade(req, socket, head) {
      // A client that resets mid-handshake must not take the host down with an unhandled 'error'.
      socket.on("error", (err) => options.log(`websocket handshake socket error: ${err.message}`));
      const refuse = (status: number, message: string): void => {
        options.log(`websocket refused: ${message}`);
        socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
      };
      const origin = checkOrigin(req, options.origin);
      if (!origin.ok) return refuse(origin.status, origin.message);
      const offered = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
      if (!offered.includes(WS_PROTOCOL)) return refuse(400, `the client must offer the "${WS_PROTOCOL}" subprotocol`);
      if (!tokenMatches(options.token, tokenFromProtocols(offered))) return refuse(401, "missing or wrong access token");
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    async close() {
      for (const ws of wss.clients) ws.close(1001, "Enclave host is shutting down");
      // A tab that does not answer the close handshake is not waited for.
      const deadline = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1000);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(deadline);
    },
  };
}
