// Starts a sibling module in a worker thread or child process, whether Enclave runs from
// TypeScript (through tsx) or from compiled JavaScript. Under Node 20 a worker given
// `execArgv: ["--import", "tsx"]` still cannot load a .ts entry (ERR_UNKNOWN_FILE_EXTENSION), so a
// .ts worker starts from a one-line bootstrap that registers tsx in the worker, then imports it.
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const ownExtension = extname(fileURLToPath(import.meta.url)); // ".ts" under tsx, ".js" when built

/** `name` beside this file, or beside `base` (another module's import.meta.url). */
export function siblingModule(name: string, base: string = import.meta.url): { url: URL; path: string; execArgv: string[] } {
  const url = new URL(`./${name}${ownExtension}`, base);
  return { url, path: fileURLToPath(url), execArgv: ownExtension === ".ts" ? ["--import", "tsx"] : [] };
}

export function startWorker(name: string, workerData: unknown): Worker {
  const { url } = siblingModule(name);
  if (ownExtension !== ".ts") return new Worker(url, { workerData });
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })` +
    `.catch((err) => { setImmediate(() => { throw err; }); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
