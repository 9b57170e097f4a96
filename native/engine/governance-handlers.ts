// Handlers for the managed policy and the audit log.
import { resolve } from "node:path";
import type { auditMethods } from "../contract/audit.ts";
import type { policyMethods } from "../contract/policy.ts";
import type { Handlers } from "../router/types.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { PolicyService } from "../policy/policy-service.ts";

export function createGovernanceHandlers(deps: { policy: PolicyService; audit: AuditLog }): Handlers<typeof policyMethods & typeof auditMethods> {
  const { policy, audit } = deps;
  return {
    "policy.get": async () => policy.status,
    "audit.list": async ({ limit, before }) => ({ enabled: audit.enabled, records: audit.list({ limit, before }) }),
    "audit.verify": async () => audit.verify(),
    "audit.recordBlockedRequest": async ({ url, method }) => {
      audit.record("network.blocked", { via: "chromium", url, method });
      return { recorded: audit.enabled };
    },
    "audit.recordApiRequest": async (entry) => {
      audit.record("api.request", { ...entry });
      return { recorded: audit.enabled };
    },
    "audit.export": async ({ path }) => {
      const result = await audit.export(resolve(path));
      audit.record("audit.export", { path: result.path, ok: result.verification.ok });
      return result;
    },
  };
}
