// Where the managed policy file lives: one machine-wide path per OS (writable only by an
// administrator there), or ENCLAVE_POLICY for tests and for IT that deploys it elsewhere.
import { join } from "node:path";

export function policyPath(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.ENCLAVE_POLICY;
  if (override) return override;
  if (platform === "win32") return join(env.ProgramData ?? "C:\\ProgramData", "Enclave", "policy.json");
  if (platform === "darwin") return "/Library/Application Support/Enclave/policy.json";
  return "/etc/enclave/policy.json";
}
