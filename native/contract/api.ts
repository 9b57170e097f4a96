// The one API a front-end (the React renderer) has: the preload exposes it in Electron, the WebSocket
// client implements it in a browser against the web host. Names and shapes come from the contract,
// so a front-end cannot ask for something the contract does not have.
import type { z } from "zod";
import type { Methods, MethodName } from "./index.ts";
import type { ShellMethods, ShellMethodName } from "./shell.ts";
import type { EventName, EventPayload } from "./events.ts";

export type ApiMethods = Methods & ShellMethods;
export type ApiMethodName = MethodName | ShellMethodName;
export type ApiInput<M extends ApiMethodName> = z.input<ApiMethods[M]["input"]>;
export type ApiOutput<M extends ApiMethodName> = z.infer<ApiMethods[M]["output"]>;

/** Longest request id a front-end may choose (ids only need to be unique per session); the preload
 *  refuses a longer one and the bridge session drops it. */
export const MAX_REQUEST_ID_LENGTH = 128;

export interface InvokeOptions {
  /** Chosen by the caller so it can cancel the call and match the call's events (progress, chat
   *  deltas carry it as `requestId`). A fresh id is made when omitted. */
  requestId?: string;
}

export interface EnclaveApi {
  /** Rejects with an EngineError-shaped `{code, message}` (see ErrorCode). */
  invoke<M extends ApiMethodName>(method: M, input: ApiInput<M>, options?: InvokeOptions): Promise<ApiOutput<M>>;
  /** Events: per-call ones carry the caller's requestId; `engine.notice` tells of restarts. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Cancels a call by its requestId; the call then settles (ABORTED, or partial for chat). */
  cancel(requestId: string): void;
  /** Turns dropped or picked browser File objects into paths the engine can read: their real paths
   *  in Electron (webUtils), copies uploaded to the host's data folder in the web host. */
  resolveFiles(files: File[], options?: ResolveFilesOptions): Promise<string[]>;
}

export interface ResolveFilesOptions {
  /** Stops the uploads: the call rejects with ABORTED and the host keeps nothing of the file it was
   *  receiving. (Electron resolves paths at once, so there is nothing to stop.) */
  signal?: AbortSignal;
  /** Called as the bytes go out (web host uploads only). */
  onProgress?: (progress: UploadProgress) => void;
}

export interface UploadProgress {
  /** The file being sent, and where it is in the batch (0-based). */
  fileName: string;
  fileIndex: number;
  fileCount: number;
  /** Bytes of the whole batch sent so far, and in all. */
  bytesSent: number;
  bytesTotal: number;
}

/** The messages between a front-end and its host, the same shapes as the engine's own protocol. */
export const BRIDGE_CHANNEL = {
  /** renderer → main: a CallMessage or CancelMessage. */
  toHost: "enclave:to-host",
  /** main → renderer: a ResultMessage or EventMessage. */
  toFront: "enclave:to-front",
} as const;
