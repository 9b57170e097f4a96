// Where the API server may listen: loopback, or another host the caller asked for explicitly
// (--allow-remote / the setting); and in both cases only where `bindAllowed` agrees. `bindAllowed` is
// the one place the managed policy plugs in (its "off" refuses loopback too); whoever starts the
// server passes it (startApiServer's option), so two servers in one process can follow different
// policies and nothing global is left set.
import { isIP } from "node:net";
import { EngineError } from "../contract/errors.ts";

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/** May the server bind `host`? The managed policy's answer; without one, any host may. */
export type BindPolicy = (host: string) => boolean | Promise<boolean>;

export async function checkBind(host: string, options: { allowRemote: boolean; bindAllowed?: BindPolicy }): Promise<void> {
  const loopback = isLoopbackHost(host);
  if (!loopback && !options.allowRemote) {
    throw new EngineError("PERMISSION_DENIED", `Listening on ${host} exposes the API beyond this machine: pass --allow-remote (or enable it in Settings) to do so on purpose.`);
  }
  // The policy is asked for loopback too: "off" means off, on every address.
  if (options.bindAllowed && !(await options.bindAllowed(host))) {
    throw new EngineError(
      "POLICY_DENIED",
      loopback ? "Your organisation's policy turns the API server off." : `Your organisation's policy does not allow the API server to listen on ${host}.`,
      { policyKey: "apiServer" },
    );
  }
}
