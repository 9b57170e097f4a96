// Methods a front-end asks of its host rather than of the engine: native file dialogs, opening a link
// in the system browser, what the host can do. The Electron main process and the web host answer
// them; the engine never sees them. They cross the same bridge as engine calls, validated the same way.
import { z } from "zod";
import { defineMethods } from "./define.ts";

export const HostKind = z.enum(["electron", "web"]);
export type HostKind = z.infer<typeof HostKind>;

export const HostCapabilities = z.object({
  host: HostKind,
  /** Native open dialogs returning real paths (Electron). */
  fileDialogs: z.boolean(),
  /** Dropped or picked files are uploaded to the host and ingested from its copy (web host). */
  uploads: z.boolean(),
  /** Whether `shell.openExternal` can open the system browser. */
  openExternal: z.boolean(),
});
export type HostCapabilities = z.infer<typeof HostCapabilities>;

export const shellMethods = defineMethods({
  "shell.capabilities": {
    summary: "What this host can do (dialogs, uploads, external links).",
    input: z.object({}),
    output: HostCapabilities,
  },
  "shell.pickPaths": {
    summary: "Native open dialog for model files, documents or folders; empty when cancelled.",
    input: z.object({
      purpose: z.enum(["model", "documents", "folder"]),
      multiple: z.boolean().default(true),
    }),
    output: z.object({ paths: z.array(z.string()) }),
  },
  "shell.openExternal": {
    summary: "Opens an http(s) link in the system browser after the user confirms.",
    input: z.object({ url: z.string().url().refine((u) => /^https?:/i.test(u), "only http(s) links") }),
    output: z.object({ opened: z.boolean() }),
  },
});
export type ShellMethods = typeof shellMethods;
export type ShellMethodName = keyof ShellMethods;
