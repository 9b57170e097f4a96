// The checks every file gets once before conversion: a readable regular file, not empty, in a
// format Enclave reads (sniffed from its bytes). Ingestion sniffs while it checks the file and
// passes the result on (Converters.convertInspected), so nothing is read twice.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { EngineError } from "../../contract/errors.ts";
import { convertError } from "./errors.ts";
import { sniffFile, type SniffResult } from "./sniff.ts";
import type { DocumentFormat } from "./types.ts";

export interface InspectedFile {
  size: number;
  sniffed: SniffResult;
}

export async function inspectFile(path: string): Promise<InspectedFile> {
  const info = await stat(path);
  if (!info.isFile()) throw new EngineError("INVALID_INPUT", `${path} is not a file.`, { reason: "not-a-file" });
  await access(path, constants.R_OK);
  return { size: info.size, sniffed: await sniffFile(path) };
}

/** The format to convert with, or the typed refusal (empty file, unsupported format). */
export function convertibleFormat(file: InspectedFile): DocumentFormat {
  if (file.size === 0) throw convertError("empty-file", "This file is empty (0 bytes).");
  if (!file.sniffed.supported) throw convertError("unsupported-format", file.sniffed.reason, { kind: file.sniffed.kind });
  return file.sniffed.format;
}

/** A file-system failure as the EngineError the user sees (typed errors pass through). */
export function mapFsError(err: unknown, path: string): unknown {
  if (err instanceof EngineError) return err;
  const errno = (err as NodeJS.ErrnoException)?.code;
  if (errno === "EACCES" || errno === "EPERM") return new EngineError("PERMISSION_DENIED", `Enclave is not allowed to read ${path}.`, undefined, { cause: err });
  if (errno === "ENOENT") return new EngineError("NOT_FOUND", `${path} does not exist.`, undefined, { cause: err });
  if (errno === "EISDIR") return new EngineError("INVALID_INPUT", `${path} is a folder, not a file.`, { reason: "not-a-file" });
  return err;
}
