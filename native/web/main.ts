// `npm run start:web`: builds the renderer if stale, starts the engine and the web host, prints the
// tokened address, and on Ctrl-C / SIGTERM closes the sockets and the engine before leaving.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEngine } from "../client/start-engine.ts";
import { UsageError } from "../host/exit-codes.ts";
import { toWireError } from "../contract/errors.ts";
import { parseWebHostArgs, USAGE } from "./options.ts";
import { startWebHost } from "./host.ts";
import { ensureRendererBuilt, rendererPaths } from "./renderer-build.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  let command;
  try {
    command = parseWebHostArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    log(`enclave web: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const paths = rendererPaths(repoRoot);
  if (command.build) log(await ensureRendererBuilt(paths, log));

  const client = await startEngine({ dataDir: command.dataDir, gpu: command.gpu });
  const host = await startWebHost({
    client,
    dataDir: command.dataDir,
    rendererDir: paths.outDir,
    port: command.port,
    uploadLimitBytes: command.uploadLimitBytes,
    allowedFolders: command.allowedFolders,
    log,
  });
  log(`engine data folder: ${command.dataDir}`);
  process.stdout.write(`Enclave is ready: open ${host.url}\n`);

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: closing the web host and the engine`);
      // A second signal while closing is ignored; a hung engine is not waited on forever.
      setTimeout(() => resolve(1), 10_000).unref();
      void host.close().then(() => client.close()).then(() => resolve(0), (err: unknown) => {
        log(`shutdown failed: ${toWireError(err).message}`);
        resolve(1);
      });
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const wire = toWireError(err);
    log(`enclave web: ${wire.code}: ${wire.message}`);
    process.exit(1);
  },
);
