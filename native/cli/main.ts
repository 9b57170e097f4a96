// The `enclave` command's entry (bin/enclave.mjs, or the packaged app's CLI wrapper, imports this):
// runs the CLI against the real process and engine, then leaves with the command's exit status once
// the engine is closed.
//
// Start-up cost matters here (scripts call `enclave` in loops): `--version` is answered before any
// command, the contract or zod is loaded, and everything else is imported only when a command runs.
import { formatComponents, readComponents } from "../engine/components.ts";

// `enclave … | head`: the reader went away; stop writing quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

const argv = process.argv.slice(2);
const version = (): string => formatComponents(readComponents());

if (argv.length === 1 && argv[0] === "--version") {
  process.stdout.write(`${version()}\n`);
} else {
  const [{ startEngine }, { COMMANDS }, { runCli }] = await Promise.all([
    import("../client/start-engine.ts"),
    import("./commands/index.ts"),
    import("./run.ts"),
  ]);
  const code = await runCli(argv, {
    io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
    commands: COMMANDS,
    version: version(),
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
}
