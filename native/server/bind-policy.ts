// Where the API server may listen: loopback, or another host the caller asked for explicitly
// (--allow-remote / the setting); and in both cases only where `bindAllowed` agrees. `bindAllowed` is
// the one place the managed policy plugs in (its "off" refuses loopback too).
import { isIP } from "node:net";
import { EngineError } from "../contract/errors.ts";

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/** Policy hook: may the server bind `host`? The integrator wires this to the managed policy. */
export let bindAllowed: (host: string) => boolean | Promise<boolean> = () => true;

/** For the integrator (and tests): replace the policy check. */
export function setBindPolicy(check: (host: string) => boolean | Promise<boolean>): void {
  bindAllowed = check;
}

export async function checkBind(host: string, options: { allowRemote: boolean }): Promise<void> {
  const loopback = isLoopbackHost(host);
  if (!loopback && !options.allowRemote) {
    throw new EngineError("PERMISSION_DENIED", `Listening on ${host} exposes the API beyond this machine: pass --allow-remote (or enable it in Settings) to do so on purpose.`);
  }
  // The policy is asked for loopback too: "off" means off, on every address.
  if (!(await bindAllowed(host))) {
    throw new EngineError(
      "POLICY_DENIED",
      loopback ? "Your organisation's policy turns the API server off." : `Your organisation's policy does not allow the API server to listen on ${host}.`,
      { policyKey: "apiServer" },
    );
  }
}
