// The managed policy: a machine-wide JSON file written by IT that wins over user settings. Every key
// is optional (absent = the user decides); unknown keys are refused, so a typo fails closed instead
// of silently not applying. `policy.get` tells any front end what is enforced and where it came from.
import { z } from "zod";
import { defineMethods } from "./define.ts";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/i, "expected a SHA-256 in hex (64 characters)");

export const AllowedModel = z.strictObject({
  sha256: Sha256,
  /** Shown to users and in the audit log; informative only. */
  name: z.string().optional(),
});

export const PolicyApiServer = z.union([z.literal("off"), z.literal("loopback"), z.strictObject({ allowedHosts: z.array(z.string().min(1)).min(1) })]);
export type PolicyApiServer = z.infer<typeof PolicyApiServer>;

export const Policy = z.strictObject({
  /** Format version of the policy file. */
  version: z.literal(1).optional(),
  /** true: the engine is offline whatever the user sets (every non-loopback connection refused). */
  forceOffline: z.boolean().optional(),
  models: z
    .strictObject({
      /** Models that may be loaded, by the SHA-256 of their GGUF file. */
      allowed: z.array(AllowedModel).optional(),
      /** false: only `allowed` (and the catalog's) models load; anything else is refused. */
      allowUserModels: z.boolean().optional(),
      /** URL (http/https) or file path of the managed model catalog (JSON). */
      catalog: z.string().min(1).optional(),
    })
    .optional(),
  /** false: model downloads are refused. */
  downloads: z.boolean().optional(),
  /** The OpenAI-compatible API server: off, loopback only, or these hosts. */
  apiServer: PolicyApiServer.optional(),
  /** false: no remote inference backends may be configured. */
  remoteBackends: z.boolean().optional(),
  /** Conversations older than this many days are deleted at start and daily. */
  retentionDays: z.number().int().min(1).max(36_500).optional(),
  audit: z
    .strictObject({
      enabled: z.boolean().optional(),
      /** Folder of the audit log; default `<data dir>/audit`. */
      folder: z.string().min(1).optional(),
      /** "hash": questions are recorded as their SHA-256 only; "text": the text itself. */
      questions: z.enum(["text", "hash"]).optional(),
      /** true: "Delete all my data" also deletes the audit log. */
      userMayDelete: z.boolean().optional(),
    })
    .optional(),
  /** Largest context (tokens) a model may be loaded with. */
  maxContext: z.number().int().min(128).max(1 << 20).optional(),
  /** Put before every conversation's system prompt; users cannot remove it. */
  systemPrompt: z.string().min(1).optional(),
  /** An answer is stopped (and marked) as soon as one of these appears (case-insensitive). */
  blockedTerms: z.array(z.string().min(1)).optional(),
  /** Where the app looks for updates; absent = no update checks. */
  updateServer: z.url().optional(),
});
export type Policy = z.infer<typeof Policy>;

export const PolicyStatus = z.object({
  /** none: no policy file; active: applied; invalid: the engine refuses work until it is fixed. */
  state: z.enum(["none", "active", "invalid"]),
  /** Where the policy was read from (or would be). */
  path: z.string(),
  policy: Policy.nullable(),
  /** For `invalid`: what is wrong, naming the key. */
  error: z.string().nullable(),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const policyMethods = defineMethods({
  "policy.get": {
    summary: "The managed policy in force (if any), where it was read from, and whether it is valid.",
    input: z.object({}),
    output: PolicyStatus,
  },
});
