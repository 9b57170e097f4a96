// Speed and resident memory of one variant, measured in a child process (footprint-child.ts): a
// fresh process gives a clean RSS baseline, a crash in llama.cpp cannot take the engine down, and
// cancelling kills the child at once.
import { fork } from "node:child_process";
import { EngineError } from "../../contract/errors.ts";
import { siblingModule } from "../../rag/convert/run-module.ts";
import type { FootprintMessage, FootprintRequest } from "./footprint-child.ts";

export type Footprint = Omit<Extract<FootprintMessage, { type: "done" }>, "type">;

export function measureFootprint(req: FootprintRequest, signal: AbortSignal): Promise<Footprint> {
  signal.throwIfAborted();
  const child = siblingModule("footprint-child", import.meta.url);
  const proc = fork(child.path, [], { execArgv: [...child.execArgv, "--expose-gc"], stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
  let stderr = "";
  proc.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { value: Footprint } | { error: Error }) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (proc.exitCode === null) proc.kill("SIGKILL");
      if ("value" in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const onAbort = () => finish({ error: new EngineError("ABORTED", "The quant lab run was cancelled.") });
    signal.addEventListener("abort", onAbort, { once: true });
    proc.on("message", (message: FootprintMessage) => {
      if (message.type === "done") {
        const { type: _type, ...value } = message;
        finish({ value });
      } else finish({ error: new EngineError("INVALID_MODEL_FILE", message.message) });
    });
    proc.on("error", (err) => finish({ error: new EngineError("INTERNAL", `The measuring process could not start: ${err.message}`) }));
    proc.on("exit", (code, sig) =>
      finish({ error: new EngineError("INTERNAL", `The measuring process ended unexpectedly (${sig ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}`) }),
    );
    proc.send(req);
  });
}
