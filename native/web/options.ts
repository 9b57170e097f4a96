// The web host's command line: `start:web [--data-dir DIR] [--port N] [--cpu] [--upload-limit-mb N]
// [--no-build]`. The data folder resolves exactly as the CLI's does, so both share one library.
import { parseCommandArgs } from "../host/args.ts";
import { resolveDataDir, type DataDirEnvironment } from "../host/data-dir.ts";
import { homedir } from "node:os";
import { UsageError } from "../host/exit-codes.ts";
import { DEFAULT_UPLOAD_LIMIT } from "./upload.ts";
import path from "node:path";

export const USAGE = `Usage: npm run start:web -- [options]

Serves the Enclave interface to a browser on 127.0.0.1 and prints the address to open.

Options:
  --data-dir DIR         engine data folder (default: ENCLAVE_DATA_DIR, else the app's folder)
  --port N               port to listen on (default 0: a free one)
  --cpu                  never use the GPU
  --upload-limit-mb N    largest file a browser may upload, in MiB (default 2048)
  --allow-folder DIRS    folders the browser may ingest from or load models from, besides its own
                         uploads (several joined by '${path.delimiter}'); nothing else on disk is reachable
  --no-build             serve dist/renderer as it is, without rebuilding it when stale
  -h, --help             show this help`;

export interface WebHostCommand {
  dataDir: string;
  port: number;
  gpu: "auto" | false;
  uploadLimitBytes: number;
  build: boolean;
  help: boolean;
  /** Absolute folders a tab may name files under besides its uploads (--allow-folder). */
  allowedFolders: string[];
}

export function parseWebHostArgs(
  argv: readonly string[],
  environment: DataDirEnvironment = { platform: process.platform, env: process.env, home: homedir(), cwd: process.cwd() },
): WebHostCommand {
  const { values, positionals, globals } = parseCommandArgs(
    argv,
    { port: { type: "string" }, "upload-limit-mb": { type: "string" }, "no-build": { type: "boolean" }, "allow-folder": { type: "string" } },
    USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, USAGE);
  const port = integerOption(values.port, "--port", 0, 65_535) ?? 0;
  const limitMb = integerOption(values["upload-limit-mb"], "--upload-limit-mb", 1, 1024 * 1024);
  return {
    dataDir: resolveDataDir(globals.dataDir, environment),
    port,
    gpu: globals.cpu ? false : "auto",
    uploadLimitBytes: limitMb === undefined ? DEFAULT_UPLOAD_LIMIT : limitMb * 1024 * 1024,
    build: values["no-build"] !== true,
    help: globals.help,
    allowedFolders: typeof values["allow-folder"] === "string"
      ? values["allow-folder"].split(path.delimiter).filter((f) => f !== "").map((f) => path.resolve(environment.cwd, f))
      : [],
  };
}

function integerOption(value: string | boolean | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`option '${name}' must be a whole number from ${min} to ${max}, not '${String(value)}'`, USAGE);
  }
  return n;
}
