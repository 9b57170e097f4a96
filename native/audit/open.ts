// Opens the engine's audit log where the policy says: `<data dir>/audit` unless the policy names a
// folder; a log that records nothing when the policy turns auditing off.
import { join } from "node:path";
import { AuditLog } from "./audit-log.ts";
import type { PolicyService } from "../policy/policy-service.ts";

export function auditFolder(dataDir: string, policy: PolicyService): string {
  return policy.audit.folder ?? join(dataDir, "audit");
}

export function openAuditLog(dataDir: string, policy: PolicyService): AuditLog {
  const folder = auditFolder(dataDir, policy);
  return policy.audit.enabled ? AuditLog.open(folder) : AuditLog.disabled(folder);
}
