// Starts the API server where it is allowed to listen and says where that is. Used by
// `enclave serve`, and by the app when its Settings switch is on.
import type { FastifyInstance } from "fastify";
import { buildApiServer, type ApiServerOptions } from "./app.ts";
import { checkBind, type BindPolicy } from "./bind-policy.ts";

export interface StartedApiServer {
  app: FastifyInstance;
  /** The base URL clients use (`…/v1`). */
  url: string;
  close(): Promise<void>;
}

export interface StartApiServerOptions extends ApiServerOptions {
  host: string;
  port: number;
  /** Listen beyond loopback (the explicit --allow-remote or the Settings host). */
  allowRemote?: boolean;
  /** The managed policy on where the server may listen (bind-policy.ts); absent: anywhere allowed. */
  bindAllowed?: BindPolicy;
}

export async function startApiServer(options: StartApiServerOptions): Promise<StartedApiServer> {
  await checkBind(options.host, { allowRemote: options.allowRemote ?? false, bindAllowed: options.bindAllowed });
  const app = await buildApiServer(options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") && !options.host.startsWith("[") ? `[${options.host}]` : options.host;
  return { app, url: `http://${host}:${port}/v1`, close: () => app.close() };
}
