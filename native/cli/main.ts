// The `enclave` command's entry (bin/enclave.mjs imports this): runs the CLI against the real
// process and engine, then leaves with the command's exit status once the engine is closed.
import { startEngine } from "../client/start-engine.ts";
import { ENGINE_VERSION } from "../engine/version.ts";
import { COMMANDS } from "./commands/index.ts";
import { runCli } from "./run.ts";

// `enclave … | head`: the reader went away; stop writing quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

const code = await runCli(process.argv.slice(2), {
  io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
  commands: COMMANDS,
  version: ENGINE_VERSION,
  startEngine,
  onSigint(listener) {
    process.on("SIGINT", listener);
    return () => process.off("SIGINT", listener);
  },
  forceExit(exitCode) {
    process.exit(exitCode);
  },
});
process.exitCode = code;
// Let stdout drain and the event loop end by itself; if something still holds it open (a stdin
// listener, a stray timer), do not hang the shell.
setTimeout(() => process.exit(code), 2000).unref();
