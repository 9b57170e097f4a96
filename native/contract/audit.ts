// The audit log as the contract shows it: records of a hash chain, its verification, and export.
import { z } from "zod";
import { defineMethods } from "./define.ts";

export const AuditRecord = z.object({
  /** 1, 2, 3 … with no gap. */
  seq: z.number().int().min(1),
  /** ISO 8601 time of the record. */
  ts: z.string(),
  /** What happened: "engine.start", "model.load", "question", "network.blocked", … */
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** SHA-256 of the previous record (64 zeros for the first). */
  prev: z.string(),
  /** SHA-256 of this record's canonical JSON (RFC 8785) without `hash`. */
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditProblem = z.object({
  /** 1-based line in the log file. */
  line: z.number().int(),
  kind: z.enum(["edited", "removed", "reordered", "truncated", "torn", "malformed"]),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  path: z.string(),
  records: z.number().int(),
  /** Torn lines (listed, chain intact), then at most one break: verification stops there. */
  problems: z.array(AuditProblem),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/** One API request as it is logged and audited: never its prompt or answer text. */
export const ApiRequestLogEntry = z.object({
  at: z.string().max(64),
  method: z.string().max(16),
  route: z.string().max(512),
  status: z.number().int(),
  ms: z.number(),
  model: z.string().max(1024).optional(),
  promptTokens: z.number().int().optional(),
  completionTokens: z.number().int().optional(),
  ttftMs: z.number().optional(),
});
export type ApiRequestLogEntry = z.infer<typeof ApiRequestLogEntry>;

export const auditMethods = defineMethods({
  "audit.list": {
    summary: "The newest audit records (newest first), optionally before a sequence number.",
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200), before: z.number().int().optional() }),
    output: z.object({ enabled: z.boolean(), records: z.array(AuditRecord) }),
  },
  "audit.verify": {
    summary: "Checks the audit log's hash chain and says where it is broken.",
    input: z.object({}),
    output: AuditVerification,
  },
  "audit.recordBlockedRequest": {
    summary: "The desktop shell reports a Chromium request it cancelled (outside the app) for the audit log.",
    input: z.object({ url: z.string().max(8192), method: z.string().max(16) }),
    output: z.object({ recorded: z.boolean() }),
  },
  "audit.recordApiRequest": {
    summary: "An API server running outside the engine (enclave serve) reports a request it answered, for the audit log.",
    input: ApiRequestLogEntry,
    output: z.object({ recorded: z.boolean() }),
  },
  "audit.export": {
    summary: "Writes a copy of the audit log and, beside it, its verification result.",
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ path: z.string(), verificationPath: z.string(), verification: AuditVerification }),
  },
});
