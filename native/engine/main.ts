// The engine process entry. Started by a supervisor (Node's fork for the CLI, tests and headless
// host; Electron's utilityProcess in the app): it receives calls over the port, runs them through
// the router, and sends results and events back. It knows nothing of Electron.
import { ToEngineMessage } from "../transport/protocol.ts";
import { parseEngineLaunchArgs, type EngineLaunchArgs } from "../transport/launch-args.ts";
import { ENGINE_VERSION } from "./version.ts";
import { createEngine } from "./create-engine.ts";
import { openEnginePort } from "./port.ts";
import { useOwnerOnlyUmask } from "../util/private-fs.ts";

let launch: EngineLaunchArgs;
try {
  launch = parseEngineLaunchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`enclave engine: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

// This process is the engine's: what it and its libraries (LanceDB, the downloader) create is owner-only.
useOwnerOnlyUmask();
const port = openEnginePort();
const forced = Number(process.env.ENCLAVE_THREADS);
const engine = await createEngine({
  dataDir: launch.dataDir,
  gpu: launch.gpu,
  forcedThreads: Number.isInteger(forced) && forced > 0 ? forced : undefined,
});

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  try {
    await engine.dispose();
  } finally {
    process.exit(code);
  }
}

port.onMessage((raw) => {
  const parsed = ToEngineMessage.safeParse(raw);
  if (!parsed.success) return; // the port is a trust boundary: drop what does not fit the protocol
  const message = parsed.data;
  if (message.type === "cancel") engine.router.cancel(message.id);
  else if (message.type === "shutdown") void shutdown(0);
  else {
    void engine.router
      .dispatch(message.id, message.method, message.input, (name, payload) => port.send({ type: "event", name, payload }))
      .then((outcome) => port.send({ type: "result", id: message.id, ...outcome }));
  }
});
// The supervisor went away: nobody is left to answer, so stop cleanly instead of lingering.
port.onDisconnect(() => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// Ctrl-C in a terminal reaches the whole process group, the engine included. The engine's lifetime
// belongs to its supervisor (which cancels the answer, or shuts the engine down), so ignore it here.
process.on("SIGINT", () => undefined);

port.send({ type: "ready", pid: process.pid, version: ENGINE_VERSION });
