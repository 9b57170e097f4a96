// The managed model catalog IT publishes (named by the policy's models.catalog): approved models, each
// pinned by SHA-256, fetched from an internal mirror (http/https) or a file share path.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { ModelEntry } from "./models.ts";

export const CatalogModel = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1),
  quant: z.string().optional(),
  /** http(s) URL on an internal mirror … */
  url: z.string().regex(/^https?:\/\//i).optional(),
  /** … or a path on a file share (exactly one of the two). */
  path: z.string().min(1).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i),
  license: z.string().min(1),
  sizeBytes: z.number().int().positive().optional(),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

export const CatalogDocument = z.strictObject({
  format: z.literal("enclave.catalog"),
  version: z.literal(1),
  models: z.array(CatalogModel.refine((m) => (m.url === undefined) !== (m.path === undefined), "give exactly one of url and path")),
});
export type CatalogDocument = z.infer<typeof CatalogDocument>;

export const catalogMethods = defineMethods({
  "catalog.list": {
    summary: "The models of the managed catalog the policy names (none without one), with whether each is installed.",
    input: z.object({}),
    output: z.object({ source: z.string().nullable(), models: z.array(CatalogModel.extend({ installedPath: z.string().nullable() })) }),
  },
  "catalog.install": {
    summary: "Installs a catalog model into the download folder, checking its SHA-256 before it can load; emits progress; cancellable.",
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ model: ModelEntry }),
  },
});
