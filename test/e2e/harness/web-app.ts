// The application under test: the renderer built once (only when stale), the real engine on a fresh
// data folder with the generated test models registered as a model folder, one thread (the CI
// machine has 2 cores), and the web host serving both on a free port.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { startWebHost, type WebHost } from "../../../native/web/host.ts";
import { ensureRendererBuilt, rendererPaths } from "../../../native/web/renderer-build.ts";
import { getTestModels, type TestModels } from "../../fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "../../helpers/engine.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface WebApp {
  host: WebHost;
  engine: TestEngine;
  models: TestModels;
  /** The tokened address a user would open. */
  url: string;
  /** Stops the web host (every socket drops) and starts it again on the same port and token, so
   *  open tabs can reconnect; the engine keeps running. */
  restartHost(pauseMs?: number): Promise<void>;
  close(): Promise<void>;
}

let build: Promise<string> | undefined;

/** Builds dist/renderer at most once per test process. */
export function ensureRenderer(): Promise<string> {
  build ??= ensureRendererBuilt(rendererPaths(repoRoot), () => {});
  return build;
}

/** allowedFolders: more folders the user gave the host (`--allow-folder`), besides the test models'. */
export async function startWebApp(options: { registerModels?: boolean; env?: Record<string, string>; allowedFolders?: string[] } = {}): Promise<WebApp> {
  await ensureRenderer();
  const models = await getTestModels();
  const engine = await startTestEngine({ threads: 1, env: options.env });
  try {
    if (options.registerModels !== false) await engine.client.call("models.addFolder", { path: models.dir });
    const rendererDir = rendererPaths(repoRoot).outDir;
    // The generated models are a folder the user gave the host (as `--allow-folder` would).
    const allowedFolders = [models.dir, ...(options.allowedFolders ?? [])];
    let host = await startWebHost({ client: engine.client, dataDir: engine.dataDir, rendererDir, allowedFolders });
    const app: WebApp = {
      host,
      engine,
      models,
      url: host.url,
      async restartHost(pauseMs = 500) {
        const { port, token } = host;
        await host.close();
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        host = await startWebHost({ client: engine.client, dataDir: engine.dataDir, rendererDir, port, token, allowedFolders });
        app.host = host;
      },
      async close() {
        await host.close();
        await engine.close();
      },
    };
    return app;
  } catch (err) {
    await engine.close();
    throw err;
  }
}
