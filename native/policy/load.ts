// Reads and validates the policy file. Absent is normal (no policy); anything else that is not a
// valid policy — unreadable, not JSON, an unknown key, a wrong type — fails closed: the status is
// `invalid` with a message naming the key, and the engine refuses work until IT fixes the file.
import { readFile } from "node:fs/promises";
import { Policy, type PolicyStatus } from "../contract/policy.ts";
import { formatZodError } from "../contract/errors.ts";

export async function loadPolicy(path: string): Promise<PolicyStatus> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "none", path, policy: null, error: null };
    return invalid(path, `cannot be read (${(err as Error).message})`);
  }
  return parsePolicy(path, text);
}

export function parsePolicy(path: string, text: string): PolicyStatus {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return invalid(path, `is not valid JSON (${(err as Error).message})`);
  }
  const parsed = Policy.safeParse(json);
  if (!parsed.success) return invalid(path, formatZodError(parsed.error));
  return { state: "active", path, policy: parsed.data, error: null };
}

function invalid(path: string, reason: string): PolicyStatus {
  return { state: "invalid", path, policy: null, error: `The managed policy ${path} is invalid: ${reason}` };
}
